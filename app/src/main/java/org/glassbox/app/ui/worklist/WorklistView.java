package org.glassbox.app.ui.worklist;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.RangeSlider;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.WorklistRow;

/**
 * The worklist: every case of the workspace with its subgroup attributes, model A's score per label
 * and its flag count; sortable by any column (scores numerically); filtered by free text, a
 * subgroup, a finding, a score range (ControlsFX RangeSlider) and "flagged only"; a banner shows a
 * restriction (e.g. from a fairness cell) with a button to clear it. The selected row becomes the
 * context's current case, and the table follows the current case (kept across reloads by SOP UID).
 */
public final class WorklistView extends BorderPane {
    private final TableView<WorklistRow> table = new TableView<>();
    private final WorklistViewModel worklist;
    private int fixedColumns;

    public WorklistView(WorkstationContext context) {
        this.worklist = context.worklist();
        setId("worklist-view");
        TextField filter = new TextField();
        filter.setId("worklist-filter");
        filter.setPromptText("Filter: pseudonym, sex, site, manufacturer, finding…");
        filter.textProperty().bindBidirectional(worklist.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);

        table.setId("worklist");
        table.setPlaceholder(new Label("No cases match. Import DICOM files with File ▸ Import, or drop them on the window."));
        table.getColumns().add(column("Patient", WorklistRow::patientPseudonym));
        table.getColumns().add(column("Study date", WorklistRow::studyDate));
        table.getColumns().add(column("Modality", WorklistRow::modality));
        table.getColumns().add(column("View", WorklistRow::viewPosition));
        table.getColumns().add(column("Sex", WorklistRow::sex));
        table.getColumns().add(column("Age", r -> Double.isNaN(r.ageYears()) ? null : (int) Math.floor(r.ageYears())));
        table.getColumns().add(column("Age band", WorklistRow::ageBand));
        table.getColumns().add(column("Site", WorklistRow::site));
        table.getColumns().add(column("Manufacturer", WorklistRow::manufacturer));
        table.getColumns().add(column("Model", WorklistRow::model));
        table.getColumns().add(column("Findings (truth)", r -> String.join(", ", r.findings())));
        TableColumn<WorklistRow, Integer> flags = column("Flags", r -> r.flags() == 0 ? null : r.flags());
        flags.setId("col-flags");
        table.getColumns().add(flags);
        fixedColumns = table.getColumns().size();
        worklist.scoreLabels().addListener((ListChangeListener<String>) c -> scoreColumns(worklist.scoreLabels()));
        scoreColumns(worklist.scoreLabels());

        SortedList<WorklistRow> sorted = new SortedList<>(worklist.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                context.currentCase().set(row);
            }
        });
        // A reload replaces every record: the current case becomes its new record (new scores,
        // flag count) and stays highlighted.
        worklist.rowsVersionProperty().addListener((o, a, b) -> {
            WorklistRow current = context.currentCase().get();
            WorklistRow fresh = worklist.sameCase(current);
            if (fresh != null && fresh != current) {
                context.currentCase().set(fresh);
            }
            reveal(context.currentCase().get());
        });
        // The current case set elsewhere (arrow keys in the viewer, the flags list, compare) is shown here too.
        context.currentCase().addListener((o, a, row) -> reveal(row));

        VBox top = new VBox(4, restrictionBanner(), new HBox(6, filter), filters());
        top.setPadding(new Insets(6));
        setTop(top);
        setCenter(table);
    }

    /** Selects and scrolls to the row of {@code row}'s case (by SOP UID) when it is visible and not already selected. */
    private void reveal(WorklistRow row) {
        if (row == null) {
            return;
        }
        WorklistRow selected = table.getSelectionModel().getSelectedItem();
        if (selected == row) {
            return;
        }
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).sopInstanceUid().equals(row.sopInstanceUid())) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(i);
                return;
            }
        }
    }

    public TableView<WorklistRow> table() {
        return table;
    }

    private HBox restrictionBanner() {
        Label why = new Label();
        why.setId("worklist-restriction");
        why.textProperty().bind(Bindings.concat("Showing only: ", worklist.restrictionProperty()));
        Button clear = new Button("Clear");
        clear.setId("worklist-restriction-clear");
        clear.setOnAction(e -> worklist.clearRestriction());
        HBox banner = new HBox(8, why, clear);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("restriction-banner");
        banner.visibleProperty().bind(worklist.restrictionProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private FlowPane filters() {
        ComboBox<SubgroupAttribute> attribute = new ComboBox<>();
        attribute.setId("worklist-attribute");
        attribute.getItems().add(null);
        attribute.getItems().addAll(SubgroupAttribute.values());
        attribute.setPromptText("Subgroup");
        attribute.valueProperty().bindBidirectional(worklist.attributeProperty());
        ComboBox<String> value = new ComboBox<>(worklist.attributeValues());
        value.setId("worklist-attribute-value");
        value.setPromptText("any");
        value.valueProperty().bindBidirectional(worklist.attributeValueProperty());
        value.disableProperty().bind(worklist.attributeProperty().isNull());

        ComboBox<String> finding = withAny(worklist.findings(), "Finding");
        finding.setId("worklist-finding");
        finding.valueProperty().bindBidirectional(worklist.findingProperty());

        ComboBox<String> label = withAny(worklist.scoreLabels(), "Score of");
        label.setId("worklist-score-label");
        label.valueProperty().bindBidirectional(worklist.scoreLabelProperty());
        RangeSlider range = new RangeSlider(0, 1, 0, 1);
        range.setId("worklist-score-range");
        range.setPrefWidth(140);
        range.setShowTickMarks(true);
        range.setMajorTickUnit(0.25);
        range.lowValueProperty().bindBidirectional(worklist.scoreMinProperty());
        range.highValueProperty().bindBidirectional(worklist.scoreMaxProperty());
        range.disableProperty().bind(worklist.scoreLabelProperty().isNull());
        Label rangeText = new Label();
        rangeText.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.2f–%.2f",
                worklist.scoreMinProperty().get(), worklist.scoreMaxProperty().get()), worklist.scoreMinProperty(), worklist.scoreMaxProperty()));
        Tooltip.install(range, new Tooltip("Score range of the chosen label (model A); unscored cases are hidden while it is narrowed"));

        CheckBox flagged = new CheckBox("Flagged");
        flagged.setId("worklist-flagged");
        flagged.selectedProperty().bindBidirectional(worklist.flaggedOnlyProperty());
        Button reset = new Button("Reset");
        reset.setId("worklist-reset");
        reset.setOnAction(e -> worklist.clearFilters());

        FlowPane pane = new FlowPane(6, 4, attribute, value, finding, label, range, rangeText, flagged, reset);
        pane.setAlignment(Pos.CENTER_LEFT);
        return pane;
    }

    /** A combo box over {@code items} with a leading "any" (null) entry that follows the list. */
    private static ComboBox<String> withAny(javafx.collections.ObservableList<String> items, String prompt) {
        ComboBox<String> box = new ComboBox<>();
        box.setPromptText(prompt);
        Runnable fill = () -> {
            String keep = box.getValue();
            box.getItems().setAll((String) null);
            box.getItems().addAll(items);
            box.setValue(items.contains(keep) ? keep : null);
        };
        items.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        return box;
    }

    private void scoreColumns(List<String> labels) {
        table.getColumns().remove(fixedColumns, table.getColumns().size());
        for (String label : labels) {
            TableColumn<WorklistRow, Double> c = new TableColumn<>(label);
            c.setId("col-score-" + label);
            c.setCellValueFactory(cell -> {
                double s = cell.getValue().score(label);
                return new ReadOnlyObjectWrapper<>(Double.isNaN(s) ? null : s);
            });
            c.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(Double item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : String.format(Locale.ROOT, "%.3f", item));
                }
            });
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
            table.getColumns().add(c);
        }
    }

    private static <T> TableColumn<WorklistRow, T> column(String title, Function<WorklistRow, T> value) {
        TableColumn<WorklistRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
