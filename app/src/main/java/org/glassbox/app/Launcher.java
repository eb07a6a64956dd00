package org.glassbox.app;

import org.glassbox.app.cli.GlassBoxCli;

/**
 * Entry point. Lives in a class that does not extend {@code Application} so JavaFX starts from the
 * classpath without the module system. No arguments: the workstation; otherwise the CLI.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(GlassBoxCli.run(args));
    }
}
