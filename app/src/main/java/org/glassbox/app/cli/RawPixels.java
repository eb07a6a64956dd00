package org.glassbox.app.cli;

import org.glassbox.core.model.FramePixels;

/**
 * Stored pixel values as raw bytes: little-endian, BitsAllocated / 8 bytes per sample (1, 2 or 4),
 * colour-by-pixel, negative values in two's complement of that width — the {@code decode} format.
 */
final class RawPixels {
    private RawPixels() {
    }

    static byte[] littleEndian(FramePixels frame) {
        int width = frame.description().bitsAllocated() / 8;
        byte[] out = new byte[frame.length() * width];
        int o = 0;
        for (int i = 0; i < frame.length(); i++) {
            int v = frame.sample(i);
            for (int b = 0; b < width; b++) {
                out[o++] = (byte) (v >>> (8 * b));
            }
        }
        return out;
    }
}
