package org.glassbox.app.trust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.app.Launcher;

/**
 * Starts the GlassBox CLI ({@link Launcher}) in a child JVM with this test JVM's class path, so a
 * test can kill it, trace it or cut it off from the network. The class path goes through the
 * {@code CLASSPATH} variable, not {@code -cp}: native libraries loaded later have been seen to fail
 * on command lines longer than a few KB.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param wrapper commands the JVM runs under (e.g. {@code unshare -rn}, {@code strace ...}); may be empty
     * @param args    CLI arguments
     */
    static ProcessBuilder cli(List<String> wrapper, String... args) {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.bytedeco.javacpp.platform.extension=-onednn");
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        return pb;
    }
}
