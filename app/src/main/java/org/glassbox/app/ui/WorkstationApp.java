package org.glassbox.app.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;
import org.glassbox.app.workflow.BackendDescription;
import org.glassbox.app.workflow.WorkspaceWorklist;

/**
 * The JavaFX application. It only builds the {@link MainWindow} for the workspace passed as the
 * named parameter {@code --workspace=DIR} ({@code --demo=true} seeds an empty workspace with the
 * demo cohort); the window's content lives in MainWindow and the views so it can be tested headless.
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
        WorkstationContext context = WorkstationContext.open(workspace);
        MainWindow window = new MainWindow(context, progress -> WorkspaceWorklist.load(workspace, seedDemo, progress),
                BackendDescription::current);
        window.show(stage);
    }
}
