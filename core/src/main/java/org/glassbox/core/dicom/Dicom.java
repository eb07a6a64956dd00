package org.glassbox.core.dicom;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point to the DICOM adapter: the PixelMed-backed {@link DicomReader}, {@link DicomWriter}
 * and {@link DicomRewriter}. The objects are stateless and thread-safe; each call returns a new one
 * so that callers can hold and inject them.
 */
public final class Dicom {
    /** How long the GDCM worker process may take for one file. */
    private static final Duration GDCM_TIMEOUT = Duration.ofSeconds(60);
    /** Held strongly so the level set below is not lost when the logger is garbage collected. */
    private static final Logger PIXELMED_LOG = Logger.getLogger("com.pixelmed");

    static {
        // PixelMed logs SEVERE lines (through SLF4J to java.util.logging) for conditions we report
        // ourselves as DicomReadException; keep them off the user's terminal.
        PIXELMED_LOG.setLevel(Level.OFF);
    }

    private Dicom() {
    }

    /** A reader whose memory budget per file is a quarter of the Java heap ({@code -Xmx}). */
    public static DicomReader reader() {
        return reader(MemoryBudget.ofHeap().bytes());
    }

    /**
     * A reader that refuses, before allocating, any file whose decoding would hold more than
     * {@code memoryBudgetBytes} of heap at once (inflated data set, compressed frame, decoded frame).
     *
     * @param memoryBudgetBytes &gt; 0
     */
    public static DicomReader reader(long memoryBudgetBytes) {
        MemoryBudget budget = new MemoryBudget(memoryBudgetBytes);
        return new PixelMedReader(new Part10Scanner(budget), new GdcmWorker("gdcmconv", "gdcmraw", GDCM_TIMEOUT), budget);
    }

    public static DicomWriter writer() {
        return new PixelMedWriter();
    }

    public static DicomRewriter rewriter() {
        return new PixelMedRewriter(scanner());
    }

    private static Part10Scanner scanner() {
        return new Part10Scanner(MemoryBudget.ofHeap());
    }
}
