package org.glassbox.app.ui.flags;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.glassbox.app.ui.ViewId;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.FeedbackBundle;
import org.glassbox.app.workflow.FlagListRow;
import org.glassbox.app.workflow.FlagService;
import org.glassbox.app.workflow.ReviewerAgreement;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.workspace.Workspace;

/**
 * The Flags tab: every bias flag with filters, reviewer agreement over the flags shown, withdraw
 * (with confirmation) and the feedback-bundle export. Double-click a flag to review its case.
 * Reloads whenever the catalog changes.
 */
public final class FlagsView extends BorderPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final WorkstationContext context;
    private final FlagsViewModel vm = new FlagsViewModel();
    private final TableView<FlagListRow> table = new TableView<>();

    public FlagsView(WorkstationContext context) {
        this.context = context;
        setId("flags-view");

        ComboBox<BiasFlag.Category> category = anyCombo("flags-filter-category", "Any category", BiasFlag.Category::description);
        category.getItems().add(null);
        category.getItems().addAll(BiasFlag.Category.values());
        category.valueProperty().bindBidirectional(vm.categoryFilter());
        ComboBox<BiasFlag.Severity> severity = anyCombo("flags-filter-severity", "Any severity", BiasFlag.Severity::name);
        severity.getItems().add(null);
        severity.getItems().addAll(BiasFlag.Severity.values());
        severity.valueProperty().bindBidirectional(vm.severityFilter());
        ComboBox<String> reviewer = anyCombo("flags-filter-reviewer", "Any reviewer", s -> s);
        ComboBox<String> model = anyCombo("flags-filter-model", "Any model", s -> s);
        vm.reviewers().addListener((javafx.collections.ListChangeListener<String>) c -> withAny(reviewer, vm.reviewers()));
        vm.models().addListener((javafx.collections.ListChangeListener<String>) c -> withAny(model, vm.models()));
        reviewer.valueProperty().bindBidirectional(vm.reviewerFilter());
        model.valueProperty().bindBidirectional(vm.modelFilter());
        TextField text = new TextField();
        text.setId("flags-filter-text");
        text.setPromptText("Filter: pseudonym, label, subgroup, note…");
        text.textProperty().bindBidirectional(vm.textFilter());

        Button withdraw = new Button("Withdraw flag…");
        withdraw.setId("flags-withdraw");
        withdraw.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        withdraw.setOnAction(e -> withdraw(table.getSelectionModel().getSelectedItem()));
        Button export = new Button("Export feedback bundle…");
        export.setId("flags-export");
        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.visibleRows()));
        export.setTooltip(new Tooltip("A zip with flags.json, flags.csv, README.txt and the cached explanation maps of the flags shown,"
                + " pseudonymous, for the model's developers."));
        export.setOnAction(e -> exportBundle());
        Label summary = new Label();
        summary.setId("flags-summary");
        summary.textProperty().bind(vm.summaryProperty());

        FlowPane filters = new FlowPane(8, 6, category, severity, reviewer, model, text, withdraw, export, summary);
        filters.setPadding(new Insets(6));

        table.setId("flags-table");
        table.setPlaceholder(new Label("No flags. Flag a case from the review view."));
        table.getColumns().add(column("Patient", FlagListRow::patientPseudonym));
        table.getColumns().add(column("SOP Instance UID", r -> r.flag().sopInstanceUid()));
        table.getColumns().add(column("Category", r -> r.flag().category().description()));
        table.getColumns().add(column("Severity", r -> r.flag().severity()));
        table.getColumns().add(column("Finding", r -> r.flag().label()));
        table.getColumns().add(column("Subgroup", r -> r.flag().subgroup()));
        table.getColumns().add(column("Reviewer", r -> r.flag().reviewer()));
        table.getColumns().add(column("Model", FlagListRow::modelName));
        table.getColumns().add(column("Note", r -> r.flag().note()));
        table.getColumns().add(column("When", r -> WHEN.format(r.flag().createdAt())));
        SortedList<FlagListRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<FlagListRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openCase(row.getItem());
                }
            });
            return row;
        });

        Label agreement = new Label();
        agreement.setId("flags-agreement");
        agreement.setWrapText(true);
        agreement.textProperty().bind(vm.agreementTextProperty());
        Tooltip definition = new Tooltip(ReviewerAgreement.DEFINITION);
        definition.setWrapText(true);
        definition.setMaxWidth(520);
        agreement.setTooltip(definition);
        Label heading = new Label("Reviewer agreement (hover for the definition)");
        heading.setTooltip(definition);
        VBox bottom = new VBox(4, heading, agreement);
        bottom.setPadding(new Insets(6));

        setTop(filters);
        setCenter(table);
        setBottom(bottom);
        context.catalogVersion().addListener((o, a, b) -> reload());
        reload();
    }

    public FlagsViewModel viewModel() {
        return vm;
    }

    public TableView<FlagListRow> table() {
        return table;
    }

    /** Reads the flags in the background; a reload overtaken by a later one is dropped (see {@link FlagsViewModel#beginLoad()}). */
    public void reload() {
        long generation = vm.beginLoad();
        context.jobs().quick("Flags", (p, c) -> new FlagService(Workspace.open(context.workspace())).list(), rows -> vm.setRows(generation, rows));
    }

    /** Sets the flag's case as the current case and switches to the review view. */
    void openCase(FlagListRow row) {
        List<? extends WorklistRow> all = context.worklist().visibleRows() instanceof FilteredList<WorklistRow> f ? f.getSource() : context.worklist().visibleRows();
        Optional<WorklistRow> hit = FlagsViewModel.caseOf(row, context.worklist().visibleRows());
        if (hit.isEmpty()) {
            hit = FlagsViewModel.caseOf(row, all);
            // Hidden by the worklist's filter: show just this case, so the selection is visible.
            hit.ifPresent(w -> context.showCases("flag " + row.flag().id(), List.of(w.sopInstanceUid())));
        }
        if (hit.isEmpty()) {
            context.notifier().warning("Flags", "The case of flag " + row.flag().id() + " is not in this workspace's worklist.",
                    "SOP Instance UID " + row.flag().sopInstanceUid());
            return;
        }
        context.currentCase().set(hit.get());
        context.activeView().set(ViewId.REVIEW);
    }

    private void withdraw(FlagListRow row) {
        if (row == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Withdraw flag " + row.flag().id() + " (" + row.flag().category().description()
                + ", reviewer " + row.flag().reviewer() + ")? The withdrawal is recorded in the audit log.", ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Withdraw flag");
        confirm.initOwner(getScene() == null ? null : getScene().getWindow());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> context.jobs().quick("Withdraw flag",
                (p, c) -> new FlagService(Workspace.open(context.workspace())).withdraw(row.flag()), deleted -> {
                    context.notifier().info("Flags", deleted ? "Flag " + row.flag().id() + " withdrawn." : "Flag " + row.flag().id() + " was already gone.");
                    context.catalogChanged();
                }));
    }

    private void exportBundle() {
        List<BiasFlag> flags = vm.visibleFlags();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export feedback bundle");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zip archive", "*.zip"));
        chooser.setInitialFileName("feedback-" + LocalDate.now() + ".zip");
        Path exports = context.workspace().resolve("exports");
        if (Files.isDirectory(exports)) {
            chooser.setInitialDirectory(exports.toFile());
        }
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        Path target = file.toPath().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip") ? file.toPath()
                : file.toPath().resolveSibling(file.getName() + ".zip");
        context.jobs().quick("Feedback bundle", (p, c) -> FeedbackBundle.prepare(Workspace.open(context.workspace()), flags, Clock.systemUTC()),
                bundle -> {
                    vm.exportPrepared(bundle);
                    if (!vm.exportFindings().isEmpty() && !confirmPhi()) {
                        vm.exportPrepared(null);
                        context.notifier().info("Feedback bundle", "Export cancelled.");
                        return;
                    }
                    context.jobs().submit("Feedback bundle", (p, c) -> bundle.write(target), written -> {
                        vm.exportPrepared(null);
                        context.notifier().info("Feedback bundle", "Exported " + written.flags() + " flags and " + written.maps()
                                + " explanation maps to " + written.file().getFileName() + ".");
                    });
                });
    }

    /** The PHI warning: true to export anyway. */
    private boolean confirmPhi() {
        ButtonType anyway = new ButtonType("Export anyway", ButtonBar.ButtonData.OK_DONE);
        Alert warn = new Alert(Alert.AlertType.WARNING, "", anyway, ButtonType.CANCEL);
        warn.setHeaderText("Some notes look like they contain identifying information");
        warn.setContentText(vm.exportFindings().stream().map(FeedbackBundle.NoteFinding::describe).collect(Collectors.joining("\n"))
                + "\n\nEdit or withdraw those flags first, or export anyway.");
        warn.getDialogPane().setId("flags-phi-warning");
        warn.initOwner(getScene() == null ? null : getScene().getWindow());
        return warn.showAndWait().filter(b -> b == anyway).isPresent();
    }

    private static <T> void withAny(ComboBox<T> combo, List<T> values) {
        T keep = combo.getValue();
        combo.getItems().setAll(values);
        combo.getItems().add(0, null);
        combo.setValue(values.contains(keep) ? keep : null);
    }

    private static <T> ComboBox<T> anyCombo(String id, String any, Function<T, String> text) {
        ComboBox<T> combo = new ComboBox<>();
        combo.setId(id);
        combo.setPromptText(any);
        combo.setButtonCell(cell(any, text));
        combo.setCellFactory(l -> cell(any, text));
        return combo;
    }

    private static <T> ListCell<T> cell(String any, Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? any : text.apply(item));
            }
        };
    }

    private static <T> TableColumn<FlagListRow, T> column(String title, Function<FlagListRow, T> value) {
        TableColumn<FlagListRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
