package org.glassbox.app.ui.flags;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import org.glassbox.app.workflow.FlagSubgroup;
import org.glassbox.core.catalog.BiasFlag;

/** The flag dialog: controls bound to a {@link FlagDialogModel}; OK is enabled once the flag is complete. */
public final class FlagDialog extends Dialog<ButtonType> {
    private final FlagDialogModel model;

    public FlagDialog(FlagDialogModel model) {
        this.model = model;
        setTitle("Flag case");
        setHeaderText("Flag case " + model.caseRow().patientPseudonym() + " · " + model.caseRow().sopInstanceUid());
        getDialogPane().setId("flag-dialog");
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        ComboBox<BiasFlag.Category> category = new ComboBox<>();
        category.setId("flag-category");
        category.getItems().setAll(BiasFlag.Category.values());
        category.setConverter(new StringConverter<>() {
            @Override
            public String toString(BiasFlag.Category c) {
                return c == null ? "" : c.description();
            }

            @Override
            public BiasFlag.Category fromString(String s) {
                return null;
            }
        });
        category.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(BiasFlag.Category c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.description());
            }
        });
        category.setPromptText("What is suspected?");
        category.valueProperty().bindBidirectional(model.categoryProperty());

        ComboBox<BiasFlag.Severity> severity = new ComboBox<>();
        severity.setId("flag-severity");
        severity.getItems().setAll(BiasFlag.Severity.values());
        severity.valueProperty().bindBidirectional(model.severityProperty());

        ComboBox<String> label = new ComboBox<>(model.labelChoices());
        label.setId("flag-label");
        label.valueProperty().bindBidirectional(model.labelProperty());

        TextField subgroup = new TextField();
        subgroup.setId("flag-subgroup");
        subgroup.setTooltip(new Tooltip("The subgroup concerned, as attribute=value joined by '*' (e.g. sex=F*age_band=60-79); empty for none.\n"
                + "Attributes: " + String.join(", ", FlagSubgroup.NAMES) + "."));
        subgroup.textProperty().bindBidirectional(model.subgroupProperty());

        TextArea note = new TextArea();
        note.setId("flag-note");
        note.setPrefRowCount(4);
        note.setWrapText(true);
        note.setPromptText("What did you see? No names, dates or IDs — the note goes into feedback bundles.");
        note.textProperty().bindBidirectional(model.noteProperty());

        TextField reviewer = new TextField();
        reviewer.setId("flag-reviewer");
        reviewer.setPromptText("Pseudonym, e.g. R-07");
        reviewer.setTooltip(new Tooltip("Your reviewer pseudonym (one word, not your name); remembered for this workspace."));
        reviewer.textProperty().bindBidirectional(model.reviewerProperty());

        Label modelLabel = new Label(model.model() == null ? "none (no model selected)"
                : model.model().id() + " " + model.model().version() + " · " + model.model().sha256().substring(0, 12));
        modelLabel.setId("flag-model");

        Label problem = new Label();
        problem.setId("flag-problem");
        problem.setStyle("-fx-text-fill: #e0a040;");
        problem.textProperty().bind(model.problemProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(10));
        int row = 0;
        grid.addRow(row++, new Label("Category"), category);
        grid.addRow(row++, new Label("Severity"), severity);
        grid.addRow(row++, new Label("Finding"), label);
        grid.addRow(row++, new Label("Subgroup"), subgroup);
        grid.addRow(row++, new Label("Note"), note);
        grid.addRow(row++, new Label("Reviewer"), reviewer);
        grid.addRow(row++, new Label("Model"), modelLabel);
        grid.add(problem, 1, row);
        getDialogPane().setContent(grid);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(model.problemProperty().isNotNull());
    }

    public FlagDialogModel model() {
        return model;
    }
}
