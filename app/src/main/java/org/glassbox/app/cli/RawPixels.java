package org.glassbox.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import org.glassbox.core.model.FramePixels;

/**
 * Stored pixel values as raw bytes: little-endian, BitsAllocated / 8 bytes per sample (1, 2 or 4),
 * colour-by-pixel, negative values in two's complement of that width — the {@code decode} format.
 * Written through a fixed 64 KiB buffer, so a large frame never needs a second copy in memory.
 */
final class RawPixels {
    private static final int BUFFER_BYTES = 1 << 16;

    private RawPixels() {
    }

    /** Writes every sample of {@code frame} to {@code out} (which is not closed). */
    static void writeLittleEndian(FramePixels frame, OutputStream out) throws IOException {
        int width = frame.description().bitsAllocated() / 8;
        byte[] buffer = new byte[BUFFER_BYTES]; // a multiple of 1, 2 and 4: samples never straddle a flush
        int o = 0;
        for (int i = 0; i < frame.length(); i++) {
            int v = frame.sample(i);
            for (int b = 0; b < width; b++) {
                buffer[o++] = (byte) (v >>> (8 * b));
            }
            if (o == buffer.length) {
                out.write(buffer, 0, o);
                o = 0;
            }
        }
        out.write(buffer, 0, o);
    }
}
