package org.glassbox.app.ui;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.glassbox.app.ui.worklist.WorklistViewModel;
import org.glassbox.app.workflow.ModelSessions;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.RegisteredModel;

/**
 * What every view of the workstation shares: the workspace, background jobs, notices, loaded
 * models, the worklist and the current selection (case, model A, model B, active view). Views talk
 * to each other only through this state — a fairness cell restricts the worklist and switches to
 * the review view; a flipped case in the compare view sets the current case — so each view and its
 * ViewModel can be built and tested alone. FX thread only, except {@link #jobs()},
 * {@link #notifier()} and {@link #sessions()}, which are thread-safe.
 */
public final class WorkstationContext implements AutoCloseable {
    private final Path workspace;
    private final Jobs jobs;
    private final Notifier notifier;
    private final ModelSessions sessions;
    private final WorklistViewModel worklist = new WorklistViewModel();
    private final ObjectProperty<WorklistRow> currentCase = new SimpleObjectProperty<>(this, "currentCase");
    private final ObservableList<RegisteredModel> models = FXCollections.observableArrayList();
    private final ObjectProperty<RegisteredModel> modelA = new SimpleObjectProperty<>(this, "modelA");
    private final ObjectProperty<RegisteredModel> modelB = new SimpleObjectProperty<>(this, "modelB");
    private final ObjectProperty<ViewId> activeView = new SimpleObjectProperty<>(this, "activeView", ViewId.REVIEW);
    private final LongProperty catalogVersion = new SimpleLongProperty(this, "catalogVersion");

    public WorkstationContext(Path workspace, Jobs jobs, Notifier notifier, ModelSessions sessions) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath();
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** A context with its own jobs, notifier and model sessions for {@code workspace}. */
    public static WorkstationContext open(Path workspace) {
        Notifier notifier = new Notifier();
        return new WorkstationContext(workspace, new Jobs(notifier), notifier, new ModelSessions(workspace));
    }

    public Path workspace() {
        return workspace;
    }

    public Path catalogFile() {
        return workspace.resolve("catalog.sqlite");
    }

    public Jobs jobs() {
        return jobs;
    }

    public Notifier notifier() {
        return notifier;
    }

    public ModelSessions sessions() {
        return sessions;
    }

    public WorklistViewModel worklist() {
        return worklist;
    }

    /** The case under review (null: none); the viewer, findings panel and compare view follow it. */
    public ObjectProperty<WorklistRow> currentCase() {
        return currentCase;
    }

    /** Registered models, in registry order. */
    public ObservableList<RegisteredModel> models() {
        return models;
    }

    /** The model whose scores the worklist shows and the viewer explains. */
    public ObjectProperty<RegisteredModel> modelA() {
        return modelA;
    }

    /** The model compared against A. */
    public ObjectProperty<RegisteredModel> modelB() {
        return modelB;
    }

    public ObjectProperty<ViewId> activeView() {
        return activeView;
    }

    /**
     * Bumped after anything changes the catalog (import, new scores, a flag): views that show
     * catalog data reload when it changes.
     */
    public ReadOnlyLongProperty catalogVersion() {
        return catalogVersion;
    }

    public void catalogChanged() {
        catalogVersion.set(catalogVersion.get() + 1);
    }

    /**
     * Shows only these cases in the worklist ({@code why} names the restriction, e.g. "consolidation ·
     * sex=F · false negatives") and switches to the review view.
     */
    public void showCases(String why, Collection<String> sopInstanceUids) {
        worklist.restrictTo(why, sopInstanceUids);
        activeView.set(ViewId.REVIEW);
    }

    /**
     * Stops the jobs and, only when no job is still running after the wait, closes the loaded models:
     * freeing a model's native memory under a running batch could crash the JVM. Left open, they go
     * with the process.
     */
    @Override
    public void close() {
        if (jobs.shutdown()) {
            sessions.close();
        }
    }
}
