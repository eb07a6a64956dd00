package org.glassbox.core.dicom;

/**
 * Turns raw sample words into stored values: masks to BitsStored and sign-extends when
 * PixelRepresentation is 1 (PS3.5 8.1.1, PS3.3 C.7.6.3.1). Also interleaves planar colour
 * (PlanarConfiguration 1, PS3.3 C.7.6.3.1.3) into colour-by-pixel.
 *
 * <p>Two readings of a sample exist. A <em>bit pattern</em> (native data, RLE, JPEG and JPEG-LS,
 * which know nothing of signedness) is masked to BitsStored, because bits above the high bit are
 * not part of the value. A <em>decoded value</em> (JPEG 2000, whose codestream carries sign and
 * precision, PS3.5 8.2.4) is an integer a lossy codec may push past the range BitsStored can hold
 * — GDCM's lossy encoder, given 12-bit data, writes a 16-bit codestream that decodes to ~5300.
 * Masking such a value would wrap it (5300 → 1204, white turns grey); it is saturated instead.
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

    /**
     * A decoded value saturated to the range of {@code bitsStored}: [0, 2^bs − 1] unsigned,
     * [−2^(bs−1), 2^(bs−1) − 1] signed (for bs = 32 the int range).
     */
    static int saturated(long value, int bitsStored, boolean signed) {
        long min = signed ? -(1L << (bitsStored - 1)) : 0;
        long max = signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
        if (bitsStored >= 32) {
            min = signed ? Integer.MIN_VALUE : 0;
            max = Integer.MAX_VALUE; // unsigned 32-bit values above 2^31 cannot be held in an int sample
        }
        return (int) Math.max(min, Math.min(max, value));
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
