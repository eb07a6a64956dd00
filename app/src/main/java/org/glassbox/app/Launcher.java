package org.glassbox.app;

import org.glassbox.app.cli.GlassBoxCli;
import org.glassbox.inference.engine.NativeBackend;

/**
 * Entry point. Lives in a class that does not extend {@code Application} so JavaFX starts from the
 * classpath without the module system. No arguments: the workstation; otherwise the CLI.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        // Before anything loads ND4J: pick nd4j-native's oneDNN build (2–8× faster convolutions).
        NativeBackend.preferOneDnn();
        System.exit(GlassBoxCli.run(args));
    }

    /**
     * ND4J, DL4J and JavaCPP log their start-up chatter at INFO through java.util.logging; the CLI
     * promises one clear line on stderr per problem, so only their warnings get through.
     * {@code -Dglassbox.verboseLibraries=true} keeps everything (for diagnosing a backend).
     */
    static void quietLibraryLogging() {
        if (Boolean.getBoolean("glassbox.verboseLibraries")) {
            return;
        }
        for (String name : new String[] {"org.nd4j", "org.deeplearning4j", "org.bytedeco", "org.eclipse.deeplearning4j"}) {
            QUIETED.add(java.util.logging.Logger.getLogger(name));
        }
        QUIETED.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    }

    /** Strong references: java.util.logging keeps loggers weakly, and a collected logger loses its level. */
    private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();
}
