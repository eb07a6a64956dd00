package org.glassbox.core.dicom;

/**
 * Turns raw sample words into stored values: masks to BitsStored and sign-extends when
 * PixelRepresentation is 1 (PS3.5 8.1.1, PS3.3 C.7.6.3.1). Also interleaves planar colour
 * (PlanarConfiguration 1, PS3.3 C.7.6.3.1.3) into colour-by-pixel.
 */
final class SampleLayout {
    private SampleLayout() {
    }

    /** Stored value of a raw word: the low {@code bitsStored} bits, sign-extended if {@code signed}. */
    static int storedValue(long raw, int bitsStored, boolean signed) {
        if (bitsStored >= 32) {
            return (int) raw;
        }
        int v = (int) (raw & ((1L << bitsStored) - 1));
        if (signed && (v & (1 << (bitsStored - 1))) != 0) {
            v -= 1 << bitsStored;
        }
        return v;
    }

    /** Converts planar (RRR…GGG…BBB…) samples to interleaved (RGBRGB…) in place order. */
    static int[] interleave(int[] planar, int samplesPerPixel) {
        if (samplesPerPixel == 1) {
            return planar;
        }
        int pixels = planar.length / samplesPerPixel;
        int[] out = new int[planar.length];
        for (int s = 0; s < samplesPerPixel; s++) {
            int base = s * pixels;
            for (int p = 0; p < pixels; p++) {
                out[p * samplesPerPixel + s] = planar[base + p];
            }
        }
        return out;
    }
}
