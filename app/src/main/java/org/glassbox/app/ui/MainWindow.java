package org.glassbox.app.ui;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.TaskProgressView;
import org.glassbox.app.ui.compare.CompareView;
import org.glassbox.app.ui.fairness.FairnessView;
import org.glassbox.app.ui.flags.FlagsView;
import org.glassbox.app.ui.review.ReviewView;
import org.glassbox.app.ui.worklist.WorklistView;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.task.ProgressListener;

/**
 * The main window: one tab per {@link ViewId} (review = worklist | viewer + findings; compare;
 * fairness; flags), the running jobs (ControlsFX TaskProgressView, shown while any runs) and a
 * status bar with backend, model and workspace. Dark by default, for reading rooms. Nothing heavy
 * runs on the FX thread.
 */
public final class MainWindow {
    private final WorkstationContext context;
    private final WorklistSource source;
    private final Callable<String> backend;
    private final Label status = new Label();
    private volatile String backendText = "Backend: …";

    /** Where the worklist rows come from; called off the FX thread. */
    @FunctionalInterface
    public interface WorklistSource {
        /** Prepares the workspace (e.g. the demo cohort on first run) and reads its rows. */
        List<WorklistRow> load(ProgressListener progress) throws Exception;
    }

    /**
     * @param backend describes the inference backend actually loaded (e.g. "CPU (CpuBackend, 2
     *                threads)"); called once on a background thread, since it loads ND4J
     */
    public MainWindow(WorkstationContext context, WorklistSource source, Callable<String> backend) {
        this.context = Objects.requireNonNull(context, "context");
        this.source = Objects.requireNonNull(source, "source");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** Window title; always starts with "GlassBox". */
    public String title() {
        return "GlassBox — " + context.workspace().getFileName();
    }

    public WorkstationContext context() {
        return context;
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
            tab.setId("tab-" + id.name().toLowerCase(java.util.Locale.ROOT));
            tab.setUserData(id);
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, tab) -> context.activeView().set((ViewId) tab.getUserData()));
        context.activeView().addListener((o, a, id) -> tabs.getSelectionModel().select(id.ordinal()));

        TaskProgressView<javafx.concurrent.Task<?>> jobsView = new TaskProgressView<>();
        jobsView.setId("jobs");
        javafx.collections.transformation.FilteredList<javafx.concurrent.Task<?>> listed = context.jobs().running().filtered(t -> true);
        javafx.beans.binding.Bindings.bindContent(jobsView.getTasks(), listed);
        jobsView.setPrefHeight(120);
        jobsView.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(context.jobs().running()));
        jobsView.managedProperty().bind(jobsView.visibleProperty());

        BorderPane root = new BorderPane();
        root.setId("main-window");
        root.setCenter(tabs);
        root.setBottom(new VBox(jobsView, statusBar()));
        root.setStyle("-fx-base: #2b2e33; -fx-background-color: #1b1d21; -fx-control-inner-background: #202327;"
                + " -fx-accent: #3d7bd9; -fx-focus-color: #3d7bd9;");
        return new Scene(root, 1440, 900);
    }

    private HBox statusBar() {
        status.setId("status-bar");
        status.setText(idleStatus());
        Label cases = new Label();
        cases.setId("case-count");
        cases.textProperty().bind(context.worklist().summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, status, spacer, cases);
        bar.setPadding(new Insets(4, 8, 4, 8));
        status.setStyle("-fx-text-fill: #b0b0b0;");
        cases.setStyle("-fx-text-fill: #b0b0b0;");
        return bar;
    }

    private String idleStatus() {
        return backendText + " · workspace: " + context.workspace();
    }

    public void show(Stage stage) {
        stage.setTitle(title());
        stage.setScene(createScene());
        stage.setOnHidden(e -> context.close());
        stage.show();
        reload();
    }

    /** Loads the worklist in the background, then describes the backend; errors become notices. */
    public void reload() {
        context.jobs().submit("Open workspace", (progress, cancel) -> source.load(progress), rows -> {
            context.worklist().setRows(rows);
            context.models().setAll(context.sessions().registered());
            status.setText(idleStatus());
            context.jobs().quick("Backend", (p, c) -> backend.call(), text -> {
                backendText = "Backend: " + text;
                status.setText(idleStatus());
            });
        });
    }
}
