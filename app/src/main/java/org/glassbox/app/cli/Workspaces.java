package org.glassbox.app.cli;

import java.nio.file.Path;

/** Where the workspace is: --workspace, else $GLASSBOX_HOME, else ~/.glassbox/workspace. */
public final class Workspaces {
    private Workspaces() {
    }

    public static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String home = System.getenv("GLASSBOX_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".glassbox", "workspace");
    }

    /** The demo workspace: ~/.glassbox/demo (never the user's own workspace). */
    public static Path demo() {
        return Path.of(System.getProperty("user.home"), ".glassbox", "demo");
    }
}
