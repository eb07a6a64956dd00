package org.glassbox.app.cli;

import java.nio.file.Path;
import org.glassbox.app.ui.WorkstationApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Opens the JavaFX workstation (also what {@code glassbox} with no arguments does). */
@Command(name = "workstation", description = "Open the workstation window.")
public final class WorkstationCommand implements Runnable {

    @Option(names = "--workspace", description = "Workspace folder (default: $GLASSBOX_HOME or ~/.glassbox/workspace).")
    Path workspace;

    @Override
    public void run() {
        WorkstationApp.launchWith(Workspaces.resolve(workspace));
    }
}
