package org.glassbox.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --workspace DIR} option every workspace-using command shares (a picocli mixin). */
final class WorkspaceOption {
    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder (default: $GLASSBOX_HOME or ~/.glassbox/workspace).")
    Path workspace;

    /** --workspace, else $GLASSBOX_HOME, else ~/.glassbox/workspace (see {@link Workspaces}). */
    Path root() {
        return Workspaces.resolve(workspace);
    }
}
