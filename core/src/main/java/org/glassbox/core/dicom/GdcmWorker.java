package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decompresses a file's pixel data with GDCM in a child process ({@code gdcmraw -i IN -o OUT -P}:
 * the decoded Pixel Data bytes only, every frame, little endian; the layout comes from our own
 * reading of the header). GDCM decodes JPEG-LS and 12-bit lossy JPEG that PixelMed cannot, but
 * Debian's build aborts or segfaults on some malformed input, so it never runs inside our JVM: a
 * dead, failing or timed-out worker means "this file cannot be decoded" (ADR 0002). Unlike
 * {@code gdcmconv --raw}, {@code gdcmraw} does not refuse a SOP class it thinks does not fit the
 * image's shape ("Problem with NumberOfDimensions and MediaStorage").
 *
 * <p>But {@code gdcmraw} ignores a decoder failure: on a garbage JPEG-LS stream it exits 0 and
 * writes uninitialised bytes of the right size (measured, GDCM 3.0.21). So the file is first
 * decoded by {@code gdcmconv --raw IN SCRATCH}, which exits 1 with "Could not change the Transfer
 * Syntax" when decoding fails and only afterwards, when writing, with "Failed to write" on a SOP
 * class it dislikes: that second refusal means the pixels did decode, and the bytes are then taken
 * from {@code gdcmraw -P}. Two worker processes per file, each under the timeout.
 *
 * <p>Each worker also runs under an address-space limit ({@code prlimit --as}, util-linux, on every
 * Debian system): a crafted JPEG header makes GDCM's pvrg-jpeg codec allocate without bound until
 * the kernel kills it (found by fuzzing: 84 s of swapping per file, past our timeout). Under the
 * limit the allocation fails at once and the worker exits with "Could not change the Transfer
 * Syntax". The limit is 512 MB (the codec and libraries) plus four times the decoded size the header
 * announces, so a genuine large image always fits.
 *
 * <p>GDCM decodes baseline JPEG by running {@code /usr/bin/pvrg-jpeg} as a child of its own, and on
 * another fuzzed stream that codec loops forever. Killing gdcmconv left the codec spinning as an
 * orphan, so a timed-out worker's whole process tree is killed, and every process in it also runs
 * under a CPU-time limit ({@code prlimit --cpu}, inherited by children; see {@link #cpuSecondsFor}),
 * so nothing GDCM starts can outlive it even if this JVM dies first.
 */
final class GdcmWorker {
    /** gdcmconv's message when decoding itself failed (as opposed to writing the result). */
    static final String DECODE_FAILED = "Could not change the Transfer Syntax";
    /** gdcmconv's message when writing failed after a successful decode. */
    static final String WRITE_FAILED = "Failed to write";

    /** Address space every worker may use besides the image itself: libraries, codec tables, the compressed stream. */
    static final long BASE_ADDRESS_SPACE = 512L << 20;
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    /** prlimit's exit status when it cannot execute the wrapped command (POSIX shells use 127 the same way). */
    private static final int PRLIMIT_EXEC_FAILED = 127;

    private final String verifier;
    private final String executable;
    private final Duration timeout;

    /**
     * @param verifier   gdcmconv, run to learn whether GDCM can decode the file
     * @param executable gdcmraw, run for the decoded bytes
     */
    GdcmWorker(String verifier, String executable, Duration timeout) {
        this.verifier = verifier;
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * Writes the decoded pixel bytes of {@code source} to a new temporary file and returns it; the
     * caller deletes it.
     *
     * @param expectedBytes decoded bytes the header announces (all frames); any other size is refused
     * @throws IOException one line: tool missing, timed out, its exit code and last output line, or
     *                     an output of the wrong size
     */
    Path decompress(Path source, long expectedBytes) throws IOException {
        String in = source.toAbsolutePath().toString();
        Path scratch = Files.createTempFile("glassbox-gdcm-", ".dcm");
        try {
            String failure = run(limited(List.of(verifier, "--raw", in, scratch.toString()), expectedBytes));
            if (failure != null && (failure.contains(DECODE_FAILED) || !failure.contains(WRITE_FAILED))) {
                throw new IOException("GDCM worker failed" + failure);
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        Path out = Files.createTempFile("glassbox-gdcm-", ".raw");
        boolean ok = false;
        try {
            String failure = run(limited(List.of(executable, "-i", in, "-o", out.toString(), "-P"), expectedBytes));
            if (failure != null) {
                throw new IOException("GDCM worker failed" + failure);
            }
            long size = Files.size(out);
            // An odd total may be padded to even length, as Pixel Data values are (PS3.5 7.1.1).
            if (size != expectedBytes && !(expectedBytes % 2 == 1 && size == expectedBytes + 1)) {
                throw new IOException("GDCM decoded " + size + " bytes, the header announces " + expectedBytes);
            }
            ok = true;
            return out;
        } finally {
            if (!ok) {
                Files.deleteIfExists(out);
            }
        }
    }

    /** The command under {@code prlimit --as}, or as it is where prlimit is missing (not a Debian system). */
    List<String> limited(List<String> command, long expectedBytes) {
        return limited(command, expectedBytes, Math.min(Math.max(1, timeout.toSeconds()), cpuSecondsFor(expectedBytes)));
    }

    /**
     * CPU seconds a worker may use: 10 plus one per 10 MB of decoded pixels — a 3000 × 2500 16-bit
     * JPEG-LS frame takes well under a second here, so genuine files never come near it, while a
     * codec stuck in a loop is stopped after seconds rather than at the wall-clock timeout.
     */
    static long cpuSecondsFor(long expectedBytes) {
        return 10 + Math.max(0, expectedBytes) / (10L << 20);
    }

    static List<String> limited(List<String> command, long expectedBytes, long cpuSeconds) {
        if (!Files.isExecutable(PRLIMIT)) {
            return command;
        }
        long limit = BASE_ADDRESS_SPACE + 4 * Math.max(0, expectedBytes);
        List<String> wrapped = new java.util.ArrayList<>(List.of(PRLIMIT.toString(), "--as=" + limit, "--cpu=" + cpuSeconds, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Runs one worker process under the timeout.
     *
     * @return null on exit 0, else " (exit N): all its output on one line"
     * @throws IOException tool missing, interrupted or timed out
     */
    private String run(List<String> command) throws IOException {
        Path log = Files.createTempFile("glassbox-gdcm-", ".log");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IOException("GDCM is not available (" + command.get(0) + ": install Debian package libgdcm-tools)", e);
            }
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while GDCM was decoding");
            }
            if (!finished) {
                killTree(p);
                throw new IOException("GDCM worker timed out after " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() == PRLIMIT_EXEC_FAILED && command.get(0).equals(PRLIMIT.toString())) {
                // prlimit started, but the worker it wraps could not be executed
                throw new IOException("GDCM is not available (" + command.get(3) + ": install Debian package libgdcm-tools)");
            }
            return p.exitValue() == 0 ? null : " (exit " + p.exitValue() + ")" + lastLine(log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Kills the worker and everything it started (GDCM runs codecs such as pvrg-jpeg as children). */
    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

        private static String lastLine(Path log) {
        try {
            // gdcmconv prints its messages without newlines ("Failed to write: X"): keep all of it, on one line.
            String text = String.join(" ", Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList());
            return text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(text.length() - 300) : text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
