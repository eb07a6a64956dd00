package org.glassbox.app.ui.review;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.ui.flags.FlagCaseAction;
import org.glassbox.app.workflow.CaseExplanations;
import org.glassbox.app.workflow.CaseExports;
import org.glassbox.app.workflow.CaseImage;
import org.glassbox.explain.ExplanationMethod;

/**
 * The findings panel beside the viewer: model A's per-label scores and decisions, the label and
 * method to explain, Explain/Cancel, the map's faithfulness figures, "Flag case…", and exports of
 * the view (PNG) and the map (DICOM Parametric Map). State lives in {@link FindingsViewModel}.
 */
public final class FindingsPanel extends VBox {
    private final WorkstationContext context;
    private final FindingsViewModel vm;
    private final CaseViewer viewer;
    private final CaseExports exports;

    public FindingsPanel(WorkstationContext context, FindingsViewModel vm, CaseViewer viewer) {
        super(8);
        this.context = Objects.requireNonNull(context, "context");
        this.vm = Objects.requireNonNull(vm, "vm");
        this.viewer = Objects.requireNonNull(viewer, "viewer");
        this.exports = new CaseExports(context.workspace());
        setId("findings-panel");
        setPadding(new Insets(8));
        setPrefWidth(390);
        setMinWidth(260);

        Label title = new Label("Findings");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.2em;");
        Label model = new Label();
        model.setId("findings-model");
        model.textProperty().bind(Bindings.createStringBinding(() -> vm.sessionProperty().get() == null ? "" : "Model A: "
                + vm.sessionProperty().get().displayName(), vm.sessionProperty()));

        TableView<FindingsViewModel.LabelScore> table = new TableView<>(vm.scores());
        table.setId("findings-scores");
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No scores yet"));
        TableColumn<FindingsViewModel.LabelScore, String> label = new TableColumn<>("Label");
        label.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().label()));
        TableColumn<FindingsViewModel.LabelScore, String> score = new TableColumn<>("Score");
        score.setCellValueFactory(c -> Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.3f", c.getValue().score())));
        TableColumn<FindingsViewModel.LabelScore, String> decision = new TableColumn<>("Decision");
        decision.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().decision()
                + String.format(Locale.ROOT, " (≥ %.2f)", c.getValue().threshold())));
        table.getColumns().setAll(java.util.List.of(label, score, decision));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.targetProperty().set(s.index());
            }
        });

        ComboBox<FindingsViewModel.LabelScore> target = new ComboBox<>(vm.scores());
        target.setId("findings-target");
        target.setPromptText("Label to explain");
        target.setCellFactory(l -> scoreCell());
        target.setButtonCell(scoreCell());
        vm.targetProperty().addListener((o, a, t) -> target.setValue(t.intValue() >= 0 && t.intValue() < vm.scores().size()
                ? vm.scores().get(t.intValue()) : null));
        target.valueProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.targetProperty().set(s.index());
            }
        });

        ComboBox<ExplanationMethod> method = new ComboBox<>(FXCollections.observableArrayList(CaseExplanations.methods()));
        method.setId("findings-method");
        method.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ExplanationMethod m) {
                return m == null ? "" : m.cliName(); // the names the CLI and the papers use: gradcam++, kernelshap…
            }

            @Override
            public ExplanationMethod fromString(String s) {
                return ExplanationMethod.fromCliName(s);
            }
        });
        method.valueProperty().bindBidirectional(vm.methodProperty());
        Label methodHelp = new Label();
        methodHelp.setId("findings-method-description");
        methodHelp.setWrapText(true);
        methodHelp.textProperty().bind(Bindings.createStringBinding(() -> vm.methodProperty().get() == null ? ""
                : FindingsViewModel.describe(vm.methodProperty().get()), vm.methodProperty()));

        Button explain = new Button("Explain");
        explain.setId("findings-explain");
        explain.setDefaultButton(false);
        explain.disableProperty().bind(vm.busyProperty().or(Bindings.isEmpty(vm.scores())));
        explain.setOnAction(e -> vm.explain());
        Button cancel = new Button("Cancel");
        cancel.setId("findings-cancel");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(20, 20);
        working.visibleProperty().bind(vm.busyProperty());

        Label status = new Label();
        status.setId("findings-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label faithfulness = new Label();
        faithfulness.setId("findings-faithfulness");
        faithfulness.setWrapText(true);
        faithfulness.textProperty().bind(vm.faithfulnessTextProperty());

        Button flag = new Button("Flag case…");
        flag.setId("findings-flag");
        flag.disableProperty().bind(vm.caseProperty().isNull());
        flag.setOnAction(e -> FlagCaseAction.flagCurrentCase(context, getScene() == null ? null : getScene().getWindow()));
        Button png = new Button("Export view (PNG)…");
        png.setId("findings-export-png");
        png.disableProperty().bind(viewer.imageProperty().isNull());
        png.setOnAction(e -> choose("View as PNG", "*.png", "view.png").ifPresent(this::exportViewPng));
        Button dicom = new Button("Export map (DICOM)…");
        dicom.setId("findings-export-map");
        dicom.disableProperty().bind(vm.shownProperty().isNull().or(viewer.imageProperty().isNull()));
        dicom.setOnAction(e -> choose("Map as DICOM Parametric Map", "*.dcm", "map.dcm").ifPresent(this::exportMap));

        getChildren().addAll(title, model, table, new Label("Explain"), target, method, methodHelp, new HBox(6, explain, cancel, working),
                status, new Label("Faithfulness"), faithfulness, flag, png, dicom);
    }

    private static ListCell<FindingsViewModel.LabelScore> scoreCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(FindingsViewModel.LabelScore item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        };
    }

    private java.util.Optional<Path> choose(String title, String pattern, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        chooser.setInitialFileName(name);
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    /**
     * Renders the viewer's pane as it is shown (image, heatmap, contours, labels) and writes it as a
     * PNG in the background; audited. The file chooser's action; callable directly (tests).
     */
    public void exportViewPng(Path out) {
        String sop = viewer.sopInstanceUid();
        WritableImage snapshot = viewer.imagePane().snapshot(null, null);
        int w = (int) snapshot.getWidth();
        int h = (int) snapshot.getHeight();
        int[] argb = new int[w * h];
        snapshot.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        context.jobs().quick("Export view", (progress, cancel) -> exports.exportViewPng(sop, argb, w, h, out),
                sha -> context.notifier().info("Export", "View written to " + out.getFileName() + "."));
    }

    /** Writes the map now shown as a DICOM Parametric Map in the background; audited. */
    public void exportMap(Path out) {
        FindingsViewModel.Shown shown = vm.shownProperty().get();
        CaseImage image = viewer.imageProperty().get();
        if (shown == null || image == null || !shown.sopInstanceUid().equals(image.sopInstanceUid())) {
            context.notifier().info("Export", "No map of this case to export: explain it first.");
            return;
        }
        context.jobs().quick("Export map", (progress, cancel) -> exports.exportParametricMap(shown.sopInstanceUid(), image.dataset(),
                shown.explanation(), shown.session(), out),
                sha -> context.notifier().info("Export", "Map written to " + out.getFileName() + "."));
    }
}
