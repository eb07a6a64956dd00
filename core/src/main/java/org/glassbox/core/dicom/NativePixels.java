package org.glassbox.core.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.glassbox.core.model.PixelDescription;

/**
 * Reads one frame of native (uncompressed) pixel data (PS3.5 8.1.1, 8.2): samples of
 * BitsAllocated 8, 16 or 32 bits in the transfer syntax's byte order, colour-by-pixel or planar.
 */
final class NativePixels {
    private NativePixels() {
    }

    /** Bytes in one frame; the caller has already refused BitsAllocated values other than 8/16/32. */
    static long frameBytes(PixelDescription d) {
        return d.samplesPerFrame() * (d.bitsAllocated() / 8);
    }

    /**
     * @param data       buffer holding the Pixel Data value
     * @param frameStart offset of the frame's first byte
     * @param order      byte order of the words (big endian only for Explicit VR Big Endian OW)
     * @param planar     PlanarConfiguration 1
     */
    static int[] decode(ByteBuffer data, long frameStart, ByteOrder order, PixelDescription d, boolean planar) {
        ByteBuffer b = data.duplicate().order(order);
        int n = (int) d.samplesPerFrame();
        int[] out = new int[n];
        int pos = (int) frameStart;
        int bits = d.bitsStored();
        boolean signed = d.signed();
        switch (d.bitsAllocated()) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = SampleLayout.storedValue(b.get(pos + i) & 0xFF, bits, signed);
                }
            }
            case 16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = SampleLayout.storedValue(b.getShort(pos + 2 * i) & 0xFFFF, bits, signed);
                }
            }
            case 32 -> {
                // Pixel Data is OB or OW, never OL: a 32-bit cell is two OW words, low word first
                // (PS3.5 8.1.1), and Explicit VR Big Endian swaps bytes within each 16-bit word only
                // (PS3.5 7.3). dcmtk writes and GDCM reads big-endian 32-bit data that way.
                for (int i = 0; i < n; i++) {
                    long low = b.getShort(pos + 4 * i) & 0xFFFF;
                    long high = b.getShort(pos + 4 * i + 2) & 0xFFFF;
                    out[i] = SampleLayout.storedValue(low | high << 16, bits, signed);
                }
            }
            default -> throw new IllegalArgumentException("BitsAllocated " + d.bitsAllocated());
        }
        return planar ? SampleLayout.interleave(out, d.samplesPerPixel()) : out;
    }
}
