package org.glassbox.core.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.glassbox.core.deid.DeidChecker;
import org.glassbox.core.model.PixelDescription;

/**
 * Coverage-guided fuzzing of the DICOM read path with Jazzer (ADR 0016): bytes → a file →
 * {@link DicomReader#open} (Part-10 structure walk by {@code Part10Scanner}, header through
 * PixelMed) → the de-identification checker on the header that was read → pixel description →
 * decoding of up to two frames (native, RLE, deflate, JPEG family through ImageIO, JPEG-LS through
 * the GDCM worker process).
 *
 * <p>Oracle — any of these is a finding: an exception other than {@link DicomReadException}; a
 * {@code DicomReadException} caused by {@link OutOfMemoryError} or {@link StackOverflowError}
 * (the structural checks and the memory budget must refuse such a file before the JVM runs out;
 * {@code ReadGuard} turning the error into a message is only the last line of defence); an input
 * taking longer than the per-input timeout (libFuzzer's {@code -timeout=60}, set by the pom's fuzz
 * execution — not JUnit's {@code @Timeout}, which Jazzer 0.24 also applies to the whole campaign
 * and so fails every run longer than the per-input limit: jazzer issue #930);
 * a thread started by the read that is still alive after it.
 *
 * <p>{@code ./mvnw test} replays the committed inputs ({@code DicomReadFuzzTestInputs/readPath/}:
 * the seed corpus of {@link FuzzSeedsWriter} and every finding, kept as a regression input).
 * The {@code fuzz-dicom} execution of core's pom fuzzes for {@code -Dglassbox.fuzzSeconds}
 * (default 100) with {@code JAZZER_FUZZ=1}.
 */
class DicomReadFuzzTest {
    /** 64 MB per file: generous for the seeds, and low enough that a bogus huge image is refused by budget, fast. */
    private static final DicomReader READER = Dicom.reader(64L << 20);
    private static final DeidChecker CHECKER = new DeidChecker();
    private static final Path FILE = tempFile();

    @FuzzTest(maxDuration = "100s")
    void readPath(byte[] data) throws Exception {
        Files.write(FILE, data);
        Set<Thread> before = liveThreads();
        try {
            DicomFile f = READER.open(FILE);
            CHECKER.check(f.dataset());
            if (f.hasPixelData()) {
                PixelDescription d = f.pixelDescription();
                for (int k = 0; k < Math.min(2, d.frames()); k++) {
                    f.frame(k);
                }
            }
        } catch (DicomReadException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError || c instanceof StackOverflowError) {
                    throw new AssertionError("refused only after " + c.getClass().getSimpleName() + ": " + e.getMessage(), e);
                }
            }
        }
        assertNoThreadLeftBehind(before);
    }

    /**
     * Threads the JDK starts on first use and keeps in a shared pool, not per read: Java2D's disposer
     * (ImageIO's JPEG decoder) and the "process reaper" that waits for child processes (the GDCM
     * worker); the reaper idles for up to a minute after the child has exited, as designed.
     */
    private static final Set<String> JDK_SINGLETONS = Set.of("Common-Cleaner", "Java2D Disposer", "process reaper");

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /** Threads the read started must be gone; they get a second to finish (e.g. a worker's stream pump). */
    private static void assertNoThreadLeftBehind(Set<Thread> before) throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && !JDK_SINGLETONS.contains(t.getName())) {
                t.join(1000);
                if (t.isAlive()) {
                    throw new AssertionError("thread left behind by the read: " + t.getName() + " " + t.getState());
                }
            }
        }
    }

    private static Path tempFile() {
        try {
            Path p = Files.createTempFile("glassbox-fuzz", ".dcm");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
