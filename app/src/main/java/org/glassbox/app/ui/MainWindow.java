package org.glassbox.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.app.workflow.WorklistRow;

/**
 * The main window: minimal until the workstation issue — a worklist of the workspace's cases
 * (sortable by any column, filtered by free text) and a status bar with backend, workspace and a
 * progress bar for background work. Dark by default, for reading rooms. Nothing heavy runs on the
 * FX thread: the worklist loads on a background thread.
 */
public final class MainWindow {
    private final Path workspace;
    private final WorklistSource source;
    private final WorklistViewModel worklist = new WorklistViewModel();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glassbox-background");
        t.setDaemon(true);
        return t;
    });
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();

    /** Where the worklist rows come from; called off the FX thread. */
    @FunctionalInterface
    public interface WorklistSource {
        /** Prepares the workspace (e.g. the demo cohort on first run) and reads its rows. */
        List<WorklistRow> load(ProgressListener progress) throws Exception;
    }

    private final java.util.concurrent.Callable<String> backend;
    private volatile String backendText = "Backend: …";

    /**
     * @param backend describes the inference backend actually loaded (e.g. "CPU (CpuBackend, 2
     *                threads)"); called once on the background thread, since it loads ND4J
     */
    public MainWindow(Path workspace, WorklistSource source, java.util.concurrent.Callable<String> backend) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.source = Objects.requireNonNull(source, "source");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** Window title; always starts with "GlassBox". */
    public String title() {
        return "GlassBox — " + workspace.getFileName();
    }

    public WorklistViewModel worklist() {
        return worklist;
    }

    public Scene createScene() {
        TextField filter = new TextField();
        filter.setId("worklist-filter");
        filter.setPromptText("Filter: pseudonym, sex, site, manufacturer, finding…");
        filter.textProperty().bindBidirectional(worklist.filterProperty());

        TableView<WorklistRow> table = new TableView<>();
        table.setId("worklist");
        table.setPlaceholder(new Label("No cases in this workspace yet."));
        table.getColumns().add(column("Patient", WorklistRow::patientPseudonym));
        table.getColumns().add(column("Study date", WorklistRow::studyDate));
        table.getColumns().add(column("Modality", WorklistRow::modality));
        table.getColumns().add(column("View", WorklistRow::viewPosition));
        table.getColumns().add(column("Sex", WorklistRow::sex));
        table.getColumns().add(column("Age", r -> Double.isNaN(r.ageYears()) ? null : (int) Math.floor(r.ageYears())));
        table.getColumns().add(column("Site", WorklistRow::site));
        table.getColumns().add(column("Manufacturer", WorklistRow::manufacturer));
        table.getColumns().add(column("Model", WorklistRow::model));
        table.getColumns().add(column("Findings (truth)", r -> String.join(", ", r.findings())));
        SortedList<WorklistRow> sorted = new SortedList<>(worklist.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        BorderPane root = new BorderPane();
        root.setId("main-window");
        BorderPane.setMargin(filter, new Insets(8));
        root.setTop(filter);
        root.setCenter(table);
        root.setBottom(statusBar());
        root.setStyle("-fx-base: #2b2e33; -fx-background-color: #1b1d21; -fx-control-inner-background: #202327;"
                + " -fx-accent: #3d7bd9; -fx-focus-color: #3d7bd9;");
        return new Scene(root, 1280, 800);
    }

    private HBox statusBar() {
        status.setId("status-bar");
        status.setText(idleStatus());
        Label cases = new Label();
        cases.setId("case-count");
        cases.textProperty().bind(worklist.summaryProperty());
        progress.setId("background-progress");
        progress.setPrefWidth(180);
        progress.setVisible(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, cases, progress);
        bar.setPadding(new Insets(4, 8, 4, 8));
        status.setStyle("-fx-text-fill: #b0b0b0;");
        cases.setStyle("-fx-text-fill: #b0b0b0;");
        return bar;
    }

    private static <T> TableColumn<WorklistRow, T> column(String title, Function<WorklistRow, T> value) {
        TableColumn<WorklistRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private String idleStatus() {
        return backendText + " · workspace: " + workspace;
    }

    /** Asks the backend what it is, off the FX thread, then shows it in the status bar. */
    private void describeBackend() {
        Task<String> task = new Task<>() {
            @Override
            protected String call() throws Exception {
                return backend.call();
            }
        };
        task.setOnSucceeded(e -> {
            backendText = "Backend: " + task.getValue();
            status.setText(idleStatus());
        });
        task.setOnFailed(e -> {
            backendText = "Backend: unavailable (" + task.getException().getMessage() + ")";
            status.setText(idleStatus());
        });
        background.submit(task);
    }

    public void show(Stage stage) {
        stage.setTitle(title());
        stage.setScene(createScene());
        stage.setOnHidden(e -> background.shutdownNow());
        stage.show();
        reload();
    }

    /** Loads the worklist on the background thread; errors become a status line, never a stack trace. */
    public void reload() {
        Task<List<WorklistRow>> task = new Task<>() {
            @Override
            protected List<WorklistRow> call() throws Exception {
                return source.load((fraction, message) -> {
                    updateProgress(fraction < 0 ? -1 : fraction, 1);
                    updateMessage(message);
                });
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        progress.setVisible(true);
        task.messageProperty().addListener((o, a, message) -> status.setText(message));
        task.setOnSucceeded(e -> {
            worklist.setRows(task.getValue());
            progress.setVisible(false);
            status.setText(idleStatus());
            describeBackend();
        });
        task.setOnFailed(e -> {
            progress.setVisible(false);
            Throwable t = task.getException();
            status.setText("Could not load the workspace: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
        });
        background.submit(task);
    }
}
