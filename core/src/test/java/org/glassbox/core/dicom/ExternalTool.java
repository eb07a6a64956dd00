package org.glassbox.core.dicom;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external reference tool (dcmtk, GDCM) from a test. */
final class ExternalTool {
    private ExternalTool() {
    }

    /**
     * Fails the test when the tool is missing (skips only with -Dglassbox.allowMissingTools=true):
     * a reference check that silently skipped would prove nothing.
     */
    static void require(String name) {
        if (!available(name)) {
            org.glassbox.core.testing.ExternalTools.require(name, DEBIAN_PACKAGE.getOrDefault(name, "dcmtk or libgdcm-tools"));
        }
    }

    private static final java.util.Map<String, String> DEBIAN_PACKAGE = java.util.Map.of(
            "gdcmconv", "libgdcm-tools", "gdcmraw", "libgdcm-tools", "dciodvfy", "dicom3tools");

    static boolean available(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the command; throws with its output when it fails or takes over two minutes. */
    static void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tool", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IOException("failed (" + p.exitValue() + "): " + command + "\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
