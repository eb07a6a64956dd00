package org.glassbox.core.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.glassbox.core.model.PixelDescription;

/**
 * RLE Lossless decoder, PS3.5 Annex G. A frame is one fragment: a 64-byte header (number of
 * segments, then up to 15 segment offsets, little-endian uint32), followed by PackBits-encoded
 * segments (G.3.1). Segment {@code s * bytesPerSample + k} holds byte {@code k} (most significant
 * first) of sample {@code s} of every pixel (G.2). Written by us because PixelMed refuses more than
 * 2 bytes per sample and GDCM misplaces colour planes for 16/32-bit RGB (ADR 0002).
 */
final class RleDecoder {
    private RleDecoder() {
    }

    /**
     * @param frame one frame's encapsulated bytes
     * @return samples colour-by-pixel, masked and sign-extended
     * @throws IllegalArgumentException with a one-line reason when the frame is malformed
     */
    static int[] decode(byte[] frame, PixelDescription d) {
        if (frame.length < 64) {
            throw new IllegalArgumentException("RLE frame shorter than its 64-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(frame, 0, 64).order(ByteOrder.LITTLE_ENDIAN);
        int segments = header.getInt(0);
        int bytesPerSample = d.bitsAllocated() / 8;
        int expected = bytesPerSample * d.samplesPerPixel();
        if (segments != expected) {
            throw new IllegalArgumentException("RLE header declares " + segments + " segments, expected " + expected);
        }
        int pixels = d.rows() * d.columns();
        long[] offsets = new long[segments + 1];
        for (int s = 0; s < segments; s++) {
            offsets[s] = header.getInt(4 + 4 * s) & 0xFFFFFFFFL;
            if (offsets[s] < 64 || offsets[s] > frame.length || (s > 0 && offsets[s] < offsets[s - 1])) {
                throw new IllegalArgumentException("RLE segment " + s + " offset " + offsets[s] + " is out of range");
            }
        }
        offsets[segments] = frame.length;
        int[] out = new int[pixels * d.samplesPerPixel()];
        byte[] segment = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            unpackBits(frame, (int) offsets[s], (int) offsets[s + 1], segment, s);
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int p = 0; p < pixels; p++) {
                out[p * d.samplesPerPixel() + sample] |= (segment[p] & 0xFF) << shift;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = SampleLayout.storedValue(out[i] & 0xFFFFFFFFL, d.bitsStored(), d.signed());
        }
        return out;
    }

    /** PackBits (G.3.1): n in [0,127] copies n+1 literal bytes; n in [-127,-1] repeats the next byte 1-n times; -128 is a no-op. */
    private static void unpackBits(byte[] in, int from, int to, byte[] out, int segmentIndex) {
        int o = 0;
        int i = from;
        while (o < out.length && i < to) {
            int n = in[i++];
            if (n >= 0) {
                int count = n + 1;
                if (i + count > to || o + count > out.length) {
                    throw new IllegalArgumentException("RLE segment " + segmentIndex + " literal run overruns its segment or the frame");
                }
                System.arraycopy(in, i, out, o, count);
                i += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (i >= to || o + count > out.length) {
                    throw new IllegalArgumentException("RLE segment " + segmentIndex + " replicate run overruns its segment or the frame");
                }
                byte v = in[i++];
                java.util.Arrays.fill(out, o, o + count, v);
                o += count;
            }
        }
        if (o < out.length) {
            throw new IllegalArgumentException("RLE segment " + segmentIndex + " decodes to " + o + " bytes, expected " + out.length);
        }
    }
}
