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

    @Option(names = "--demo", negatable = true,
            description = "Seed an empty workspace with the demo cohort (default: only for the default workspace on first run).")
    Boolean demo;

    @Override
    public void run() {
        // The first run of the default workspace becomes the demo workspace; a workspace named
        // explicitly is left as it is unless --demo asks for it.
        boolean seed = demo != null ? demo : workspace == null;
        WorkstationApp.launchWith(Workspaces.resolve(workspace), seed);
    }
}
