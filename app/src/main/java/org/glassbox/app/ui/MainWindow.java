package org.glassbox.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.TaskProgressView;
import org.glassbox.app.ui.compare.CompareView;
import org.glassbox.app.ui.fairness.FairnessView;
import org.glassbox.app.ui.flags.FlagCaseAction;
import org.glassbox.app.ui.flags.FlagsView;
import org.glassbox.app.ui.review.ReviewView;
import org.glassbox.app.ui.worklist.WorklistView;
import org.glassbox.app.workflow.ModelSession;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.app.workflow.WorkspaceScoring;
import org.glassbox.app.workflow.WorkstationImport;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;

/**
 * The main window: a menu bar (File: import files or a folder, quit; View: theme and the four views,
 * Ctrl+1..4; Case: flag the current case, Ctrl+B; Help: about), a toolbar choosing models A and B,
 * one tab per {@link ViewId} (review = worklist | viewer + findings; compare; fairness; flags), the
 * running jobs (ControlsFX TaskProgressView, shown while any runs) and a status bar with backend,
 * model A, workspace, case count and the notices. Files and folders dropped on the window are
 * imported. Dark by default, for reading rooms. Nothing heavy runs on the FX thread: the workspace
 * is prepared, read and scored through {@link Jobs}; ND4J is not touched until the window shows.
 */
public final class MainWindow {
    private final WorkstationContext context;
    private final WorklistSource source;
    private final Callable<String> backend;
    private final boolean scoreOnOpen;
    private final Label status = new Label();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.DARK);
    private final NoticePopups notices;
    private String backendText = "Backend: …";
    private Scene scene;
    private boolean ready;
    private long rowsRequested;
    /** SHA-256 of each model with a scoring check or job queued or running (FX thread): never queued twice. */
    private final java.util.Set<String> scoring = new java.util.HashSet<>();

    /** Where the worklist comes from; both methods are called off the FX thread. */
    public interface WorklistSource {
        /** Prepares the workspace (e.g. the demo cohort and models on first run). */
        void prepare(ProgressListener progress) throws Exception;

        /** The rows with the scores of model {@code modelSha256} (null: no scores). */
        List<WorklistRow> rows(String modelSha256) throws Exception;
    }

    /**
     * @param backend     describes the inference backend actually loaded (e.g. "CPU (CpuBackend, 2
     *                    threads)"); called once on a background thread, since it loads ND4J
     * @param scoreOnOpen after opening, score every case with every registered model that has cases
     *                    without stored scores (first run of the demo workspace), as listed jobs
     */
    public MainWindow(WorkstationContext context, WorklistSource source, Callable<String> backend, boolean scoreOnOpen) {
        this.context = Objects.requireNonNull(context, "context");
        this.source = Objects.requireNonNull(source, "source");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.scoreOnOpen = scoreOnOpen;
        this.notices = new NoticePopups(context.notifier());
    }

    /** Window title; always starts with "GlassBox". */
    public String title() {
        return "GlassBox — " + context.workspace().getFileName();
    }

    public WorkstationContext context() {
        return context;
    }

    /** The colour theme (dark by default); changing it restyles the open window. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Scene createScene() {
        SplitPane review = new SplitPane(new WorklistView(context), new ReviewView(context));
        review.setOrientation(Orientation.HORIZONTAL);
        review.setDividerPositions(0.38);

        TabPane tabs = new TabPane();
        tabs.setId("views");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (ViewId id : ViewId.values()) {
            Tab tab = new Tab(id.title(), switch (id) {
                case REVIEW -> review;
                case COMPARE -> new CompareView(context);
                case FAIRNESS -> new FairnessView(context);
                case FLAGS -> new FlagsView(context);
            });
            tab.setId("tab-" + id.name().toLowerCase(Locale.ROOT));
            tab.setUserData(id);
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> context.activeView().set((ViewId) tab.getUserData()));
        context.activeView().addListener((o, a, id) -> tabs.getSelectionModel().select(id.ordinal()));

        TaskProgressView<javafx.concurrent.Task<?>> jobsView = new TaskProgressView<>();
        jobsView.setId("jobs");
        Bindings.bindContent(jobsView.getTasks(), context.jobs().running());
        jobsView.setPrefHeight(120);
        jobsView.visibleProperty().bind(Bindings.isNotEmpty(context.jobs().running()));
        jobsView.managedProperty().bind(jobsView.visibleProperty());

        BorderPane root = new BorderPane();
        root.setId("main-window");
        root.getProperties().put(MainWindow.class, this); // lets tests reach the window's actions
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(tabs);
        root.setBottom(new VBox(jobsView, statusBar()));
        scene = new Scene(root, 1440, 900);
        applyTheme(theme.get());
        theme.addListener((o, a, t) -> applyTheme(t));
        acceptDrops(scene);
        return scene;
    }

    private void applyTheme(Theme t) {
        if (scene != null) {
            scene.getStylesheets().setAll(t.stylesheet());
        }
    }

    private MenuBar menuBar() {
        MenuItem importFiles = item("Import files…", "menu-import-files", "Shortcut+O", this::chooseFiles);
        MenuItem importFolder = item("Import folder…", "menu-import-folder", "Shortcut+Shift+O", this::chooseFolder);
        MenuItem quit = item("Quit", "menu-quit", "Shortcut+Q", () -> window().ifPresent(Window::hide));
        Menu file = new Menu("File", null, importFiles, importFolder, new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        ToggleGroup themes = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.title() + " theme");
            item.setId("menu-theme-" + t.name().toLowerCase(Locale.ROOT));
            item.setToggleGroup(themes);
            item.setSelected(t == theme.get());
            item.setOnAction(e -> theme.set(t));
            theme.addListener((o, a, now) -> item.setSelected(now == t));
            view.getItems().add(item);
        }
        view.getItems().add(new SeparatorMenuItem());
        for (ViewId id : ViewId.values()) {
            view.getItems().add(item(id.title(), "menu-view-" + id.name().toLowerCase(Locale.ROOT), "Shortcut+" + (id.ordinal() + 1),
                    () -> context.activeView().set(id)));
        }
        Menu caseMenu = new Menu("Case", null, item("Flag current case…", "menu-flag", "Shortcut+B",
                () -> FlagCaseAction.flagCurrentCase(context, window().orElse(null))));
        Menu models = new Menu("Models", null, item("Score all cases with models A and B", "menu-score", "Shortcut+Shift+S",
                () -> scoreMissing(chosenModels(), true)));
        Menu help = new Menu("Help", null, item("About GlassBox", "menu-about", null, this::about));
        MenuBar bar = new MenuBar(file, view, caseMenu, models, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        ComboBox<RegisteredModel> a = modelChoice("model-a", context.modelA());
        ComboBox<RegisteredModel> b = modelChoice("model-b", context.modelB());
        return new ToolBar(new Label("Model A"), a, new Label("Model B"), b);
    }

    private ComboBox<RegisteredModel> modelChoice(String id, ObjectProperty<RegisteredModel> selected) {
        ComboBox<RegisteredModel> box = new ComboBox<>(context.models());
        box.setId(id);
        box.setPromptText("no model registered");
        box.setCellFactory(v -> new ModelCell());
        box.setButtonCell(new ModelCell());
        box.valueProperty().bindBidirectional(selected);
        return box;
    }

    private static final class ModelCell extends ListCell<RegisteredModel> {
        @Override
        protected void updateItem(RegisteredModel m, boolean empty) {
            super.updateItem(m, empty);
            setText(empty || m == null ? null : modelName(m));
        }
    }

    static String modelName(RegisteredModel m) {
        return m.id() + " " + m.version();
    }

    private HBox statusBar() {
        status.setId("status-bar");
        status.setText(idleStatus());
        context.modelA().addListener((o, a, m) -> status.setText(idleStatus()));
        Label cases = new Label();
        cases.setId("case-count");
        cases.textProperty().bind(context.worklist().summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, cases, notices.button());
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(2, 8, 2, 8));
        return bar;
    }

    private String idleStatus() {
        RegisteredModel a = context.modelA().get();
        return backendText + " · model A: " + (a == null ? "none" : modelName(a)) + " · workspace: " + context.workspace();
    }

    public void show(Stage stage) {
        stage.setTitle(title());
        stage.setScene(createScene());
        stage.setOnHidden(e -> context.close());
        notices.attach(stage);
        stage.show();
        context.modelA().addListener((o, a, m) -> loadRows());
        context.catalogVersion().addListener((o, a, v) -> loadRows());
        open();
    }

    /**
     * Prepares the workspace in the background, then lists the models, reads the rows, describes the
     * backend and (first run) scores. The setup runs after the preparation whatever happened: a
     * cancelled or failed preparation still leaves a working shell on what the workspace holds (only
     * the first-run scoring is skipped after a cancel).
     */
    public void open() {
        javafx.concurrent.Task<?>[] opening = new javafx.concurrent.Task<?>[1];
        opening[0] = context.jobs().submit("Open workspace", (progress, cancel) -> {
            source.prepare(progress);
            return null;
        }, done -> { }, () -> {
            ready = true;
            context.jobs().quick("Models", (p, c) -> context.sessions().registered(), models -> {
                context.models().setAll(models);
                chooseModels(models);
                loadRows();
                if (scoreOnOpen && !opening[0].isCancelled()) {
                    scoreMissing(chosenModels());
                }
            });
            context.jobs().quick("Backend", (p, c) -> backend.call(), text -> {
                backendText = "Backend: " + text;
                status.setText(idleStatus());
            });
        });
    }

    /** Models A and B, those chosen (none, one or two). */
    private List<RegisteredModel> chosenModels() {
        return java.util.stream.Stream.of(context.modelA().get(), context.modelB().get()).filter(Objects::nonNull).toList();
    }

    /** Model A = the demo v1 when present, else the newest registered; B = the demo v2, else the one before A. */
    private void chooseModels(List<RegisteredModel> models) {
        if (models.isEmpty()) {
            return;
        }
        Optional<RegisteredModel> v1 = demo(models, "demo-v1");
        Optional<RegisteredModel> v2 = demo(models, "demo-v2");
        RegisteredModel a = v1.orElse(models.get(models.size() - 1));
        RegisteredModel b = v2.orElse(models.size() > 1 ? models.get(models.size() - 2) : null);
        if (context.modelB().get() == null) {
            context.modelB().set(b);
        }
        if (context.modelA().get() == null) {
            context.modelA().set(a);
        }
    }

    private Optional<RegisteredModel> demo(List<RegisteredModel> models, String folder) {
        Path dir = context.workspace().resolve("models").resolve(folder).normalize();
        return models.stream().filter(m -> Path.of(m.path()).normalize().equals(dir)).findFirst();
    }

    /** Re-reads the rows (model A's scores, flags) off the FX thread; a newer request wins. */
    private void loadRows() {
        if (!ready) {
            return;
        }
        long request = ++rowsRequested;
        RegisteredModel a = context.modelA().get();
        context.jobs().quick("Worklist", (p, c) -> source.rows(a == null ? null : a.sha256()), rows -> {
            if (request == rowsRequested) {
                context.worklist().setRows(rows);
            }
        });
    }

    /**
     * Scores the workspace with each model that has unscored cases, as listed jobs on the compute
     * thread (model A first); each finished model bumps the catalog version. Models with nothing
     * missing are not even loaded.
     */
    public void scoreMissing(List<RegisteredModel> models) {
        scoreMissing(models, false);
    }

    /**
     * As {@link #scoreMissing(List)}; {@code tellWhenDone} says so when no model is chosen or no case
     * lacks scores (a menu request). A model already being checked or scored is skipped, so pressing
     * the menu twice, or an import finishing while the first-run scoring runs, does not queue it again.
     */
    private void scoreMissing(List<RegisteredModel> models, boolean tellWhenDone) {
        if (tellWhenDone && models.isEmpty()) {
            context.notifier().info("Scores", "No model chosen: register one (glassbox models add) and choose it as model A.");
            return;
        }
        List<RegisteredModel> todo = new ArrayList<>(models.stream().distinct().filter(m -> !scoring.contains(m.sha256())).toList());
        if (todo.isEmpty()) {
            return; // all of them already queued: that job will tell
        }
        todo.forEach(m -> scoring.add(m.sha256()));
        Workspace[] ws = new Workspace[1];
        javafx.concurrent.Task<List<RegisteredModel>> check = context.jobs().quick("Scores", (p, c) -> {
            ws[0] = Workspace.open(context.workspace());
            List<RegisteredModel> missing = new ArrayList<>(todo);
            missing.removeIf(m -> WorkspaceScoring.missing(ws[0], m.sha256()) == 0);
            return missing;
        }, missing -> {
            todo.stream().filter(m -> !missing.contains(m)).forEach(m -> scoring.remove(m.sha256()));
            if (missing.isEmpty() && tellWhenDone) {
                context.notifier().info("Scores", "Every case already has scores from the chosen models.");
            }
            missing.forEach(m -> context.jobs().submit("Scoring with " + modelName(m), (progress, cancel) -> {
                progress.update(-1, "Loading " + modelName(m) + "…");
                ModelSession session = context.sessions().open(m);
                return WorkspaceScoring.score(ws[0], session, cancel, progress);
            }, report -> { }, () -> {
                scoring.remove(m.sha256());
                context.catalogChanged(); // after a cancel too: the batches scored so far are stored
            }));
        });
        check.stateProperty().addListener((o, was, state) -> {
            if (state == javafx.concurrent.Worker.State.FAILED || state == javafx.concurrent.Worker.State.CANCELLED) {
                todo.forEach(m -> scoring.remove(m.sha256())); // the check failed (a notice says why): nothing was queued
            }
        });
    }

    private Optional<Window> window() {
        return Optional.ofNullable(scene).map(Scene::getWindow);
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import DICOM files");
        List<File> files = chooser.showOpenMultipleDialog(window().orElse(null));
        if (files != null && !files.isEmpty()) {
            importPaths(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Import a folder of DICOM files");
        File dir = chooser.showDialog(window().orElse(null));
        if (dir != null) {
            importPaths(List.of(dir.toPath()));
        }
    }

    private void acceptDrops(Scene s) {
        s.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        s.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                importPaths(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /**
     * Imports files and folders (menu, drag-and-drop) as a listed, cancellable job through the same
     * pipeline as {@code glassbox import}; then shows the de-identification report, posts a notice
     * (a warning naming how many files were refused or failed) and bumps the catalog version.
     */
    public void importPaths(List<Path> paths) {
        context.jobs().submit("Import", (progress, cancel) -> WorkstationImport.run(context.workspace(), paths, cancel, progress), report -> {
            String summary = ImportReportDialog.summary(report);
            int problems = report.errors().size();
            if (problems > 0) {
                context.notifier().warning("Import", problems + (problems == 1 ? " file was" : " files were")
                        + " not imported (" + summary + ")", details(report));
            } else {
                context.notifier().info("Import", summary);
            }
            if (scoreOnOpen && report.count(ImportOutcome.IMPORTED) + report.count(ImportOutcome.DEIDENTIFIED) > 0) {
                scoreMissing(chosenModels());
            }
            window().ifPresent(w -> ImportReportDialog.show(w, report));
        }, context::catalogChanged); // the one reload, also after a cancel: the files imported before it stay and are shown
    }

    private static String details(ImportReport report) {
        StringBuilder b = new StringBuilder();
        for (ImportReport.FileError e : report.errors()) {
            b.append(e.file()).append(": ").append(e.reason()).append('\n');
        }
        return b.toString().strip();
    }

    private void about() {
        String v = MainWindow.class.getPackage().getImplementationVersion();
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        window().ifPresent(alert::initOwner);
        alert.setTitle("About GlassBox");
        alert.setHeaderText("GlassBox " + (v == null ? "development build" : v));
        alert.setContentText("A radiology AI research workstation: explanations, model comparison, fairness audits, bias flags.\n\n"
                + backendText + "\nWorkspace: " + context.workspace() + "\nModels registered: " + context.models().size()
                + "\n\nFor research use only; not a medical device.");
        alert.show();
    }
}
