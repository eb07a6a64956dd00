package org.glassbox.app.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.glassbox.app.workflow.BackendDescription;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.app.workflow.WorkspaceWorklist;
import org.glassbox.core.task.ProgressListener;

/**
 * The JavaFX application. It only builds the {@link MainWindow} for the workspace passed as the
 * named parameter {@code --workspace=DIR} ({@code --demo=true} seeds an empty workspace with the
 * demo cohort, registers the demo models v1 and v2 and scores the cases with both in the
 * background); the window's content lives in MainWindow and the views so it can be tested headless.
 * Nothing here touches ND4J: the backend is described, and models loaded, after the window shows.
 */
public final class WorkstationApp extends Application {

    /** Starts JavaFX and blocks until the window closes. */
    public static void launchWith(Path workspace, boolean seedDemo) {
        Application.launch(WorkstationApp.class, "--workspace=" + workspace.toAbsolutePath(), "--demo=" + seedDemo);
    }

    @Override
    public void start(Stage stage) {
        String ws = getParameters().getNamed().get("workspace");
        Path workspace = Path.of(ws == null ? "." : ws);
        boolean seedDemo = Boolean.parseBoolean(getParameters().getNamed().get("demo"));
        build(workspace, seedDemo).show(stage);
    }

    /** The main window for {@code workspace} (not shown yet); ND4J-free. */
    public static MainWindow build(Path workspace, boolean seedDemo) {
        WorkstationContext context = WorkstationContext.open(workspace);
        return new MainWindow(context, new MainWindow.WorklistSource() {
            @Override
            public void prepare(ProgressListener progress) throws Exception {
                WorkspaceWorklist.prepare(workspace, seedDemo, progress);
            }

            @Override
            public List<WorklistRow> rows(String modelSha256) {
                return WorkspaceWorklist.rows(workspace, modelSha256);
            }
        }, BackendDescription::current, seedDemo);
    }
}
