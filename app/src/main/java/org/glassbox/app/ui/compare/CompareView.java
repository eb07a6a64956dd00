package org.glassbox.app.ui.compare;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseComparison;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.model.FramePixels;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.viewer.render.Colormap;
import org.glassbox.viewer.render.HeatmapLayer;
import org.glassbox.viewer.render.HeatmapStyle;
import org.glassbox.viewer.render.MapFootprint;

/**
 * Model A | model B | A−B on the current case, with synchronised zoom, pan and W/L, both models'
 * scores and decisions (flipped labels highlighted); below, the cohort comparison table and the
 * flipped cases, each of which opens here side by side (double-click or Enter).
 */
public final class CompareView extends BorderPane {
    static final String AUTO_TARGET = "(largest score difference)";
    static final String ALL_LABELS = "(all labels)";

    private final CompareViewModel vm;
    private final ComparePane paneA = new ComparePane("compare-pane-a", "Model A");
    private final ComparePane paneB = new ComparePane("compare-pane-b", "Model B");
    private final ComparePane paneDiff = new ComparePane("compare-pane-diff", "A − B");

    public CompareView(WorkstationContext context) {
        this.vm = new CompareViewModel(context);
        setId("compare-view");
        // One navigation and one window for all three panes: zoom/pan/W/L in any moves the others.
        for (ComparePane p : new ComparePane[] {paneB, paneDiff}) {
            p.imagePane().navigationProperty().bindBidirectional(paneA.imagePane().navigationProperty());
            p.imagePane().windowProperty().bindBidirectional(paneA.imagePane().windowProperty());
            p.imagePane().invertedProperty().bindBidirectional(paneA.imagePane().invertedProperty());
        }
        setTop(toolbar());
        SplitPane split = new SplitPane(casePart(), cohortPart());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        vm.caseView().addListener((o, a, view) -> show(view));
        show(vm.caseView().get());
    }

    public CompareViewModel viewModel() {
        return vm;
    }

    private HBox toolbar() {
        ComboBox<RegisteredModel> a = modelBox("compare-model-a");
        a.valueProperty().bindBidirectional(vm.modelA());
        ComboBox<RegisteredModel> b = modelBox("compare-model-b");
        b.valueProperty().bindBidirectional(vm.modelB());
        ComboBox<ExplanationMethod> method = new ComboBox<>(FXCollections.observableArrayList(ExplanationMethod.values()));
        method.setId("compare-method");
        method.setConverter(converter(ExplanationMethod::cliName));
        method.valueProperty().bindBidirectional(vm.method());
        ComboBox<String> target = labelBox("compare-target", AUTO_TARGET, vm.target());
        HBox bar = new HBox(8, new Label("A"), a, new Label("B"), b, new Label("Method"), method, new Label("Label"), target);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        bar.getChildren().stream().filter(n -> n instanceof Label).forEach(n -> n.setStyle("-fx-text-fill: #d0d0d0;"));
        return bar;
    }

    private BorderPane casePart() {
        HBox panes = new HBox(4, paneA, paneB, paneDiff);
        for (ComparePane p : new ComparePane[] {paneA, paneB, paneDiff}) {
            HBox.setHgrow(p, Priority.ALWAYS);
            p.setPrefWidth(400);
        }
        TableView<CompareViewModel.ScoreRow> scores = new TableView<>(vm.scores());
        scores.setId("compare-scores");
        scores.setPlaceholder(new Label("No scores"));
        scores.getColumns().add(column("Label", r -> (r.target() ? "▶ " : "") + r.label()));
        scores.getColumns().add(column("A", r -> score(r.scoreA())));
        scores.getColumns().add(column("A decides", r -> decision(r.scoreA(), r.positiveA())));
        scores.getColumns().add(column("B", r -> score(r.scoreB())));
        scores.getColumns().add(column("B decides", r -> decision(r.scoreB(), r.positiveB())));
        scores.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareViewModel.ScoreRow row, boolean empty) {
                super.updateItem(row, empty);
                // Flipped labels stand out: the decision changes between the models.
                setStyle(!empty && row != null && row.flipped() ? "-fx-background-color: #7a4a12;" : "");
            }
        });
        scores.setPrefWidth(330);
        scores.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label status = new Label();
        status.setId("compare-case-status");
        status.textProperty().bind(vm.caseStatus());
        status.setStyle("-fx-text-fill: #b0b0b0; -fx-padding: 2 6 2 6;");
        BorderPane part = new BorderPane(panes);
        part.setRight(scores);
        part.setBottom(status);
        return part;
    }

    private VBox cohortPart() {
        ComboBox<String> label = labelBox("compare-cohort-label", ALL_LABELS, vm.cohortLabel());
        TextField threshold = new TextField();
        threshold.setId("compare-threshold");
        threshold.setPrefColumnCount(8);
        threshold.setPromptText("youden | 0.5 | sens:0.9");
        threshold.textProperty().bindBidirectional(vm.threshold());
        Button run = new Button("Compare cohort");
        run.setId("compare-cohort");
        run.setOnAction(e -> vm.compareCohort());
        threshold.setOnAction(e -> vm.compareCohort());
        Label status = new Label();
        status.setId("compare-cohort-status");
        status.textProperty().bind(vm.cohortStatus());
        status.setStyle("-fx-text-fill: #b0b0b0;");
        Label labelText = new Label("Label");
        Label thresholdText = new Label("Threshold");
        labelText.setStyle("-fx-text-fill: #d0d0d0;");
        thresholdText.setStyle("-fx-text-fill: #d0d0d0;");
        HBox controls = new HBox(8, labelText, label, thresholdText, threshold, run, status);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(6));

        TableView<CompareViewModel.CohortRow> table = new TableView<>(vm.cohortRows());
        table.setId("compare-cohort-table");
        table.setPlaceholder(new Label("No comparison yet"));
        table.getColumns().add(column("Label", CompareViewModel.CohortRow::label));
        table.getColumns().add(column("n", CompareViewModel.CohortRow::n));
        table.getColumns().add(column("AUC A", r -> f(r.aucA())));
        table.getColumns().add(column("AUC B", r -> f(r.aucB())));
        table.getColumns().add(column("ΔAUC [95% CI]", r -> Double.isNaN(r.difference()) ? "n/a"
                : String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", r.difference(), r.ciLower(), r.ciUpper())));
        table.getColumns().add(column("DeLong p", r -> p(r.deLongP())));
        table.getColumns().add(column("McNemar p", r -> p(r.mcNemarP())));
        table.getColumns().add(column("κ", r -> f(r.kappa())));
        table.getColumns().add(column("Flips ↑ (B+)", CompareViewModel.CohortRow::flipsUp));
        table.getColumns().add(column("Flips ↓ (A+)", CompareViewModel.CohortRow::flipsDown));
        table.getColumns().add(column("Thresholds A / B", r -> String.format(Locale.ROOT, "%.4f / %.4f", r.thresholdA(), r.thresholdB())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(110);

        TableView<CompareViewModel.FlipRow> flips = new TableView<>(vm.flips());
        flips.setId("compare-flips");
        flips.setPlaceholder(new Label("No flipped cases"));
        flips.getColumns().add(column("Patient", CompareViewModel.FlipRow::patientPseudonym));
        flips.getColumns().add(column("SOP Instance UID", CompareViewModel.FlipRow::sopInstanceUid));
        flips.getColumns().add(column("Label", CompareViewModel.FlipRow::label));
        flips.getColumns().add(column("Score A", r -> score(r.scoreA())));
        flips.getColumns().add(column("Score B", r -> score(r.scoreB())));
        flips.getColumns().add(column("Change", r -> String.format(Locale.ROOT, "%+.4f", r.change())));
        flips.getColumns().add(column("Truth", CompareViewModel.FlipRow::truth));
        flips.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        flips.setRowFactory(t -> {
            TableRow<CompareViewModel.FlipRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem());
                }
            });
            return row;
        });
        flips.setOnKeyPressed(e -> {
            CompareViewModel.FlipRow selected = flips.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                vm.open(selected);
                e.consume();
            }
        });
        VBox.setVgrow(flips, Priority.ALWAYS);
        return new VBox(controls, table, flips);
    }

    private void show(CompareViewModel.CaseView view) {
        if (view == null) {
            for (ComparePane p : new ComparePane[] {paneA, paneB, paneDiff}) {
                p.clear("No case");
            }
            return;
        }
        CaseComparison.Result r = view.result();
        FramePixels frame = r.frame();
        // Each map over the part of the frame its model saw (the centre, for a cropping model); A − B over their common part.
        paneA.show("A: " + r.nameA() + " · " + r.target() + " " + r.mapA().method().cliName(), frame, r.pipeline(),
                layer(r.mapA().imageMap(), frame, r.footprintA(), r.mapA().method()));
        paneB.show("B: " + r.nameB() + " · " + r.target() + " " + r.mapB().method().cliName(), frame, r.pipeline(),
                layer(r.mapB().imageMap(), frame, r.footprintB(), r.mapB().method()));
        DifferenceMap d = view.difference();
        HeatmapLayer diff = HeatmapLayer.prepare(d.values(), d.height(), d.width(), frame.columns(), frame.rows(), d.footprint(),
                new HeatmapStyle(Colormap.RDBU_R, 0.6, 0.1, 0, HeatmapStyle.Scaling.SIGNED));
        paneDiff.show(String.format(Locale.ROOT, "A − B (red: A higher, blue: B higher; ±%.2f)", d.maxAbs()), frame, r.pipeline(), diff);
    }

    /**
     * Each model's map as the difference map normalises it: divided by its max |value|. CAM maps are
     * non-negative, so viridis over the positive part; signed attributions diverge around zero.
     */
    static HeatmapLayer layer(SaliencyMap map, FramePixels frame, MapFootprint footprint, ExplanationMethod method) {
        HeatmapStyle style = method.family() == ExplanationMethod.Family.CAM
                ? HeatmapStyle.defaults()
                : new HeatmapStyle(Colormap.RDBU_R, 0.5, 0.1, 0, HeatmapStyle.Scaling.SIGNED);
        return HeatmapLayer.prepare(map.values(), map.height(), map.width(), frame.columns(), frame.rows(), footprint, style);
    }

    private ComboBox<RegisteredModel> modelBox(String id) {
        ComboBox<RegisteredModel> box = new ComboBox<>(vm.models());
        box.setId(id);
        box.setConverter(converter(m -> m.id() + " " + m.version()));
        box.setPromptText("model");
        return box;
    }

    /** Choices: {@code none} (meaning null) then the models' labels; kept in step with {@code value}. */
    private ComboBox<String> labelBox(String id, String none, javafx.beans.property.StringProperty value) {
        ObservableList<String> items = FXCollections.observableArrayList();
        Runnable fill = () -> {
            items.setAll(none);
            items.addAll(vm.labels());
        };
        fill.run();
        vm.labels().addListener((ListChangeListener<String>) c -> fill.run());
        ComboBox<String> box = new ComboBox<>(items);
        box.setId(id);
        box.setValue(value.get() == null ? none : value.get());
        box.valueProperty().addListener((o, a, v) -> {
            String wanted = v == null || v.equals(none) ? null : v;
            if (!java.util.Objects.equals(wanted, value.get())) {
                value.set(wanted);
            }
        });
        value.addListener((o, a, v) -> box.setValue(v == null ? none : v));
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? none : item);
            }
        });
        return box;
    }

    private static <T> StringConverter<T> converter(Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    static String score(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String decision(double score, boolean positive) {
        return Double.isNaN(score) ? "—" : positive ? "positive" : "negative";
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String p(double v) {
        return Double.isNaN(v) ? "n/a" : v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
    }
}
