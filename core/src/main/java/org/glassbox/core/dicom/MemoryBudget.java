package org.glassbox.core.dicom;

import java.nio.file.Path;
import org.glassbox.core.model.PixelDescription;

/**
 * How many bytes of heap decoding one file may hold at once: the inflated data set of a deflated
 * file, the compressed bytes of a frame, a codec's raster and the {@code int[]} frame handed out.
 * Every such allocation is estimated from the declared sizes and checked here <em>before</em> it is
 * made, so an image too large for the heap is refused with a clear reason rather than ending in an
 * {@link OutOfMemoryError}. Memory-mapped file bytes are not heap and are not counted.
 *
 * @param bytes the budget in bytes, &gt; 0
 */
record MemoryBudget(long bytes) {
    /** Share of the maximum heap one file may use: a quarter leaves room for the rest of the workstation. */
    static final int HEAP_FRACTION = 4;

    MemoryBudget {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory budget must be > 0 bytes: " + bytes);
        }
    }

    /** A quarter of {@link Runtime#maxMemory()} (the -Xmx setting). */
    static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / HEAP_FRACTION);
    }

    /** Bytes of the {@code int[]} holding one decoded frame. */
    static long frameBytes(PixelDescription d) {
        return d.samplesPerFrame() * Integer.BYTES;
    }

    /**
     * @param needed estimated bytes held at once
     * @param detail what the estimate is made of, e.g. "23000x23000 16-bit: 1058 MB inflated + 2116 MB decoded frame"
     * @throws DicomReadException "image of N MB exceeds the memory budget of M MB (detail; …)" when needed &gt; bytes
     */
    void check(Path file, long needed, String detail) throws DicomReadException {
        if (needed > bytes) {
            throw new DicomReadException(file, "image of " + mb(needed) + " MB exceeds the memory budget of " + mb(bytes) + " MB ("
                    + detail + "; the budget is 1/" + HEAP_FRACTION + " of the Java heap, raise it with -Xmx)");
        }
    }

    /** Whole megabytes (10^6 bytes), rounded up so that a refused size never prints as the budget. */
    static long mb(long bytes) {
        return (bytes + 999_999) / 1_000_000;
    }
}
