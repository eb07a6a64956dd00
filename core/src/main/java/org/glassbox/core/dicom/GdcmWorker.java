package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decompresses a file with GDCM in a child process ({@code gdcmconv --raw IN OUT}). GDCM decodes
 * JPEG-LS and 12-bit lossy JPEG that PixelMed cannot, but Debian's build aborts or segfaults on
 * some malformed input, so it never runs inside our JVM: a dead, failing or timed-out worker means
 * "this file cannot be decoded" (ADR 0002).
 */
final class GdcmWorker {
    private final String executable;
    private final Duration timeout;

    GdcmWorker(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * Writes an uncompressed copy of {@code source} to a new temporary file and returns it; the
     * caller deletes it.
     *
     * @throws IOException one line: tool missing, timed out, or its exit code and last output line
     */
    Path decompress(Path source) throws IOException {
        Path out = Files.createTempFile("glassbox-gdcm-", ".dcm");
        Path log = Files.createTempFile("glassbox-gdcm-", ".log");
        boolean ok = false;
        try {
            Process p;
            try {
                p = new ProcessBuilder(List.of(executable, "--raw", source.toAbsolutePath().toString(), out.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IOException("GDCM is not available (" + executable + ": install Debian package libgdcm-tools)", e);
            }
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while GDCM was decoding");
            }
            if (!finished) {
                p.destroyForcibly();
                throw new IOException("GDCM worker timed out after " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0 || Files.size(out) == 0) {
                throw new IOException("GDCM worker failed (exit " + p.exitValue() + ")" + lastLine(log));
            }
            ok = true;
            return out;
        } finally {
            Files.deleteIfExists(log);
            if (!ok) {
                Files.deleteIfExists(out);
            }
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
