package org.glassbox.app.cli;

import java.nio.file.Path;
import org.glassbox.app.ui.WorkstationApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Opens the JavaFX workstation (also what {@code glassbox} with no arguments does). */
@Command(name = "workstation", description = "Open the workstation window on a workspace (default: $GLASSBOX_HOME or ~/.glassbox/workspace).")
public final class WorkstationCommand implements Runnable {

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--demo", description = "Seed the workspace with the demo cohort if it is empty.")
    boolean demo;

    @Override
    public void run() {
        WorkstationApp.launchWith(workspace.root(), demo);
    }

    /**
     * What {@code glassbox} without arguments opens: the demo workspace, kept apart from the user's
     * own so synthetic studies (with their injected shortcut) never mix with real data in one
     * catalog or audit. Seeded on first run.
     */
    static void openDemo() {
        WorkstationApp.launchWith(Workspaces.demo(), true);
    }
}
