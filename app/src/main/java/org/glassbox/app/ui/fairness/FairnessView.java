package org.glassbox.app.ui.fairness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
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
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseSet;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.Metric;

/**
 * The fairness dashboard: controls (model, label, groupings, threshold rule, bootstrap resamples,
 * run, export), the subgroup table with CIs and disparity flags, a forest plot of one metric, and
 * per-subgroup ROC and reliability charts. A click on a cell or a forest-plot row shows the cases
 * behind it in the worklist. All state lives in {@link FairnessViewModel}.
 */
public final class FairnessView extends BorderPane {
    /** Metric columns of the table, in order. */
    static final List<Metric> COLUMNS = List.of(Metric.AUC, Metric.TPR, Metric.FNR, Metric.FPR, Metric.TNR, Metric.PPV, Metric.NPV,
            Metric.SELECTION_RATE, Metric.ECE, Metric.BRIER);

    private final FairnessViewModel vm;
    private final WorkstationContext context;
    private final ForestPlot forest = new ForestPlot();
    private final LineChart<Number, Number> roc = CurveCharts.chart("fairness-roc", "ROC per subgroup", "false positive rate", "true positive rate");
    private final LineChart<Number, Number> reliability = CurveCharts.chart("fairness-reliability", "Reliability per subgroup", "mean score",
            "observed positive rate");

    public FairnessView(WorkstationContext context) {
        this(context, FairnessViewModel.of(context));
    }

    FairnessView(WorkstationContext context, FairnessViewModel vm) {
        this.context = context;
        this.vm = vm;
        setId("fairness-view");
        getStyleClass().add("fairness");
        getStylesheets().add(Objects.requireNonNull(FairnessView.class.getResource("fairness.css"), "fairness.css").toExternalForm());
        setPadding(new Insets(8));
        setTop(controls());
        SplitPane split = new SplitPane(table(), charts());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
        context.catalogVersion().addListener((obs, old, v) -> vm.catalogChanged());
    }

    public FairnessViewModel viewModel() {
        return vm;
    }

    private VBox controls() {
        ComboBox<RegisteredModel> model = new ComboBox<>(vm.models());
        model.setId("fairness-model");
        model.setConverter(new StringConverter<>() {
            @Override
            public String toString(RegisteredModel m) {
                return m == null ? "" : m.id() + " " + m.version();
            }

            @Override
            public RegisteredModel fromString(String s) {
                return null;
            }
        });
        model.valueProperty().bindBidirectional(vm.modelProperty());

        ComboBox<String> label = new ComboBox<>(vm.labels());
        label.setId("fairness-label");
        label.valueProperty().bindBidirectional(vm.labelProperty());

        TextField groupings = new TextField();
        groupings.setId("fairness-groupings");
        groupings.setPrefColumnCount(22);
        groupings.textProperty().bindBidirectional(vm.groupingsProperty());
        Tooltip groupingHelp = new Tooltip();
        groupingHelp.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Comma-separated attributes; intersect with '*', e.g. sex, age_band, sex*age_band.\nAttributes: "
                        + String.join(", ", vm.attributes()), vm.attributes()));
        groupings.setTooltip(groupingHelp);

        ComboBox<String> threshold = new ComboBox<>();
        threshold.getItems().setAll(FairnessViewModel.THRESHOLD_CHOICES);
        threshold.setEditable(true);
        threshold.setId("fairness-threshold");
        threshold.valueProperty().bindBidirectional(vm.thresholdProperty());
        threshold.setTooltip(new Tooltip("Decision threshold, chosen once on the whole cohort: youden, a fixed value (0.5) or a sensitivity (sens:0.9)."));
        threshold.setPrefWidth(110);

        Spinner<Integer> boot = new Spinner<>(0, 20_000, vm.resamplesProperty().get(), 500);
        boot.setId("fairness-boot");
        boot.setEditable(true);
        boot.setPrefWidth(100);
        boot.valueProperty().addListener((obs, old, v) -> vm.resamplesProperty().set(v == null ? 0 : v));
        boot.setTooltip(new Tooltip("Stratified bootstrap resamples for the confidence intervals (0 = none)."));

        Button run = new Button("Run audit");
        run.setId("fairness-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.runAudit());

        Button export = new Button("Export HTML…");
        export.setId("fairness-export");
        export.disableProperty().bind(vm.outcomeProperty().isNull());
        export.setOnAction(e -> export());

        MenuButton add = new MenuButton("Add");
        add.setId("fairness-add-grouping");
        add.setTooltip(new Tooltip("Add an attribute, or its intersection with sex, to the groupings."));
        add.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.attributes()));
        vm.attributes().addListener((ListChangeListener<String>) c -> fillAddMenu(add));
        fillAddMenu(add);

        FlowPane row = new FlowPane(8, 6, field("Model", model), field("Label", label), field("Group by", new HBox(4, groupings, add)),
                field("Threshold", threshold), field("Bootstrap", boot), run, export);
        row.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("fairness-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        VBox box = new VBox(6, row, message);
        box.setPadding(new Insets(0, 0, 8, 0));
        return box;
    }

    /** One item per attribute, then the intersections with sex (the most asked-for ones). */
    private void fillAddMenu(MenuButton add) {
        add.getItems().clear();
        for (String a : vm.attributes()) {
            MenuItem single = new MenuItem(a);
            single.setOnAction(x -> vm.addGrouping(a));
            add.getItems().add(single);
        }
        if (vm.attributes().contains("sex")) {
            add.getItems().add(new SeparatorMenuItem());
            for (String a : vm.attributes()) {
                if (!a.equals("sex")) {
                    MenuItem cross = new MenuItem("sex × " + a);
                    cross.setOnAction(x -> vm.addGrouping("sex*" + a));
                    add.getItems().add(cross);
                }
            }
        }
    }

    private static HBox field(String name, javafx.scene.Node control) {
        HBox h = new HBox(4, new Label(name), control);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private TableView<SubgroupRow> table() {
        TableView<SubgroupRow> t = new TableView<>(vm.rows());
        t.setId("fairness-table");
        t.setPlaceholder(new Label("Run the audit to see per-subgroup statistics."));
        t.getColumns().add(textColumn("grouping", "Grouping", SubgroupRow::groupingName, CaseSet.ALL));
        t.getColumns().add(textColumn("subgroup", "Subgroup", r -> (r.anyFlag() ? EstimateText.FLAG + " " : "") + r.subgroup()
                + (r.reference() ? " (ref)" : ""), CaseSet.ALL));
        t.getColumns().add(countColumn("n", "n", r -> r.result().n(), CaseSet.ALL));
        t.getColumns().add(countColumn("positives", "Positives", r -> r.result().positives(), CaseSet.POSITIVES));
        t.getColumns().add(estimateColumn("prevalence", "Prevalence", r -> r.result().prevalence(), null, CaseSet.POSITIVES));
        for (Metric m : COLUMNS) {
            t.getColumns().add(estimateColumn(m.key(), m == Metric.SELECTION_RATE ? "Selection" : m.name(), r -> r.metric(m), m, CaseSet.forMetric(m)));
        }
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        return t;
    }

    private TableColumn<SubgroupRow, SubgroupRow> column(String id, String title) {
        TableColumn<SubgroupRow, SubgroupRow> c = new TableColumn<>(title);
        c.setId("col-" + id);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        return c;
    }

    private TableColumn<SubgroupRow, SubgroupRow> textColumn(String id, String title, Function<SubgroupRow, String> text, CaseSet set) {
        TableColumn<SubgroupRow, SubgroupRow> c = column(id, title);
        c.setComparator(Comparator.comparing(text));
        c.setCellFactory(col -> new ClickableCell(set, r -> text.apply(r), r -> r.anyFlag() ? "flagged disparity: see the flagged cells" : null,
                SubgroupRow::anyFlag));
        c.setPrefWidth(id.equals("subgroup") ? 150 : 110);
        return c;
    }

    private TableColumn<SubgroupRow, SubgroupRow> countColumn(String id, String title, java.util.function.ToIntFunction<SubgroupRow> count, CaseSet set) {
        TableColumn<SubgroupRow, SubgroupRow> c = column(id, title);
        c.setComparator(Comparator.comparingInt(count));
        c.setCellFactory(col -> new ClickableCell(set, r -> Integer.toString(count.applyAsInt(r)), r -> "click: show " + set.words(), r -> false));
        c.setPrefWidth(70);
        return c;
    }

    private TableColumn<SubgroupRow, SubgroupRow> estimateColumn(String id, String title, Function<SubgroupRow, Estimate> value, Metric m, CaseSet set) {
        TableColumn<SubgroupRow, SubgroupRow> c = column(id, title);
        // Undefined values sort last whichever way the column is sorted ascending.
        c.setComparator(Comparator.comparingDouble(r -> {
            Estimate e = value.apply(r);
            return e == null || !e.isDefined() ? Double.POSITIVE_INFINITY : e.value();
        }));
        c.setCellFactory(col -> new ClickableCell(set,
                r -> (m != null && r.flagged(m) ? EstimateText.FLAG + " " : "") + EstimateText.value(value.apply(r)),
                r -> {
                    String tip = EstimateText.tooltip(value.apply(r), m == null ? null : r.disparity(m));
                    return (tip == null ? "" : tip + "\n") + "click: show " + set.words();
                },
                r -> m != null && r.flagged(m)));
        c.setPrefWidth(m == null ? 80 : 150);
        return c;
    }

    /** A cell whose click shows the cases behind it; flagged cells marked, undefined cells muted, tooltips with the details. */
    private final class ClickableCell extends TableCell<SubgroupRow, SubgroupRow> {
        private final Function<SubgroupRow, String> text;
        private final Function<SubgroupRow, String> tip;
        private final java.util.function.Predicate<SubgroupRow> flagged;

        ClickableCell(CaseSet set, Function<SubgroupRow, String> text, Function<SubgroupRow, String> tip, java.util.function.Predicate<SubgroupRow> flagged) {
            this.text = text;
            this.tip = tip;
            this.flagged = flagged;
            setOnMouseClicked(e -> {
                if (!isEmpty() && getItem() != null) {
                    vm.showCases(getItem(), set);
                }
            });
        }

        @Override
        protected void updateItem(SubgroupRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("flagged-cell", "undefined-cell");
            if (empty || row == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String t = text.apply(row);
            setText(t);
            String tt = tip.apply(row);
            setTooltip(tt == null ? null : new Tooltip(tt));
            if (flagged.test(row)) {
                getStyleClass().add("flagged-cell");
            } else if (t.endsWith(EstimateText.UNDEFINED)) {
                getStyleClass().add("undefined-cell");
            }
        }
    }

    private SplitPane charts() {
        ComboBox<String> grouping = new ComboBox<>(vm.chartGroupings());
        grouping.setId("fairness-chart-grouping");
        grouping.valueProperty().bindBidirectional(vm.chartGroupingProperty());
        ComboBox<Metric> metric = new ComboBox<>();
        metric.getItems().setAll(Metric.values());
        metric.setId("fairness-forest-metric");
        metric.valueProperty().bindBidirectional(vm.forestMetricProperty());
        metric.setButtonCell(new MetricCell());
        metric.setCellFactory(l -> new MetricCell());

        forest.setId("fairness-forest");
        forest.setOnRowClicked(r -> vm.showCases(r, CaseSet.forMetric(vm.forestMetricProperty().get())));
        ScrollPane forestScroll = new ScrollPane(forest);
        forestScroll.setFitToWidth(true);
        VBox.setVgrow(forestScroll, Priority.ALWAYS);
        VBox left = new VBox(6, new HBox(8, field("Charts by", grouping), field("Forest plot", metric)), forestScroll);
        left.setPadding(new Insets(6, 0, 0, 0));

        vm.chartRows().addListener((ListChangeListener<SubgroupRow>) c -> redrawCharts());
        vm.forestMetricProperty().addListener((obs, old, m) -> forest.show(vm.chartRows(), m));
        SplitPane split = new SplitPane(left, roc, reliability);
        split.setDividerPositions(0.42, 0.71);
        return split;
    }

    private void redrawCharts() {
        List<SubgroupRow> rows = List.copyOf(vm.chartRows());
        forest.show(rows, vm.forestMetricProperty().get());
        setSeries(roc, CurveCharts.roc(rows));
        setSeries(reliability, CurveCharts.reliability(rows));
    }

    private static void setSeries(LineChart<Number, Number> chart, List<XYChart.Series<Number, Number>> series) {
        chart.getData().setAll(series);
        chart.setCreateSymbols(false);
        for (XYChart.Series<Number, Number> s : series) {
            if (CurveCharts.DIAGONAL.equals(s.getName()) && s.getNode() != null) {
                s.getNode().setStyle("-fx-stroke: #777777; -fx-stroke-dash-array: 6 4; -fx-stroke-width: 1px;");
            }
        }
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the fairness report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML report", "*.html"));
        Path exports = context.workspace().resolve("exports");
        if (Files.isDirectory(exports)) {
            chooser.setInitialDirectory(exports.toFile());
        }
        var o = vm.outcomeProperty().get();
        chooser.setInitialFileName(("fairness-" + o.model().id() + "-" + o.model().version() + "-" + o.audit().labels().get(0).label() + ".html")
                .replaceAll("[^A-Za-z0-9._-]", "_"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            vm.exportHtml(file.toPath());
        }
    }

    private static final class MetricCell extends ListCell<Metric> {
        @Override
        protected void updateItem(Metric m, boolean empty) {
            super.updateItem(m, empty);
            setText(empty || m == null ? null : m.name());
        }
    }
}
