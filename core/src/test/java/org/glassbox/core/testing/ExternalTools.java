package org.glassbox.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Independent reference tools the tests check against (dciodvfy, dcmtk, GDCM, Debian's python).
 * A missing tool FAILS the test: `./run-tests` installs them, and a suite that silently skipped its
 * references would be green without checking anything. A developer without them can opt out with
 * {@code -Dglassbox.allowMissingTools=true}, which turns the failure into a skip.
 */
public final class ExternalTools {
    public static final String ALLOW_MISSING = "glassbox.allowMissingTools";

    private ExternalTools() {
    }

    /**
     * @param executable absolute path or a name looked up on PATH
     * @param debianPackage the package that provides it, named in the failure message
     * @return the resolved path
     */
    public static Path require(String executable, String debianPackage) {
        Path found = resolve(executable);
        if (found == null) {
            String message = executable + " is missing: install Debian package " + debianPackage
                    + " (./run-tests does), or run with -D" + ALLOW_MISSING + "=true to skip";
            if (Boolean.getBoolean(ALLOW_MISSING)) {
                Assumptions.abort(message);
            }
            Assertions.fail(message);
        }
        return found;
    }

    /** Debian's python with the given modules importable (e.g. "numpy", "torch"). */
    public static Path requirePython(String debianPackage, String... modules) {
        Path python = require("/usr/bin/python3", "python3");
        for (String module : modules) {
            try {
                Process p = new ProcessBuilder(python.toString(), "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    String message = "python module " + module + " is missing: install Debian package " + debianPackage
                            + " (./run-tests does), or run with -D" + ALLOW_MISSING + "=true to skip";
                    if (Boolean.getBoolean(ALLOW_MISSING)) {
                        Assumptions.abort(message);
                    }
                    Assertions.fail(message);
                }
            } catch (java.io.IOException e) {
                Assertions.fail("cannot run " + python + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Assertions.fail("interrupted");
            }
        }
        return python;
    }

    private static Path resolve(String executable) {
        if (executable.contains("/")) {
            Path p = Path.of(executable);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, executable);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
