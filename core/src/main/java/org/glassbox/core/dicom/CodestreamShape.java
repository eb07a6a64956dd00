package org.glassbox.core.dicom;

import java.nio.file.Path;
import org.glassbox.core.model.PixelDescription;

/**
 * The image size a compressed frame declares in its own headers, checked against the data set's
 * Rows, Columns and Samples per Pixel before any decoder runs. A mismatch is a hard error: a
 * decoder that trusts the DICOM header (GDCM) pads or crops and returns mostly-zero pixels that
 * look valid, so no fallback decoder may be tried.
 *
 * <ul>
 *   <li>JPEG and JPEG-LS: the frame header of the first SOFn marker (ITU-T T.81 B.2.2: Lf, P, Y, X,
 *       Nf; JPEG-LS SOF55 has the same layout, ITU-T T.87 C.2.2). Y = 0 (height given later by
 *       DNL) is not checked.</li>
 *   <li>JPEG 2000: the SIZ segment after SOC (ISO/IEC 15444-1 A.5.1: width Xsiz − XOsiz, height
 *       Ysiz − YOsiz, Csiz components).</li>
 * </ul>
 * A stream whose header cannot be found is left to the decoder, which reports the damage.
 */
final class CodestreamShape {
    private CodestreamShape() {
    }

    /** Size declared by a codestream: columns, rows (0 when not declared) and components. */
    record Shape(long columns, long rows, int components) {
    }

    /** @throws DicomReadException when the codestream's size disagrees with the header */
    static void check(Path file, int frameIndex, byte[] frame, TransferSyntaxes.Codec codec, PixelDescription d) throws DicomReadException {
        Shape s = switch (codec) {
            case JPEG_2000 -> j2k(frame);
            case JPEG, JPEG_LOSSLESS, JPEG_LS -> jpeg(frame);
            default -> null;
        };
        if (s == null) {
            return;
        }
        boolean rowsDiffer = s.rows() != 0 && s.rows() != d.rows();
        if (s.columns() != d.columns() || rowsDiffer || s.components() != d.samplesPerPixel()) {
            throw new DicomReadException(file, "frame " + frameIndex + ": header says " + d.rows() + "x" + d.columns() + "x" + d.samplesPerPixel()
                    + " (Rows x Columns x Samples per Pixel) but the " + name(codec) + " codestream is " + s.rows() + "x" + s.columns() + "x"
                    + s.components() + "; refusing to pad or crop");
        }
    }

    private static String name(TransferSyntaxes.Codec codec) {
        return switch (codec) {
            case JPEG_2000 -> "JPEG 2000";
            case JPEG_LS -> "JPEG-LS";
            default -> "JPEG";
        };
    }

    /** SIZ of a raw J2K codestream (starts FF4F FF51), or null. */
    static Shape j2k(byte[] f) {
        if (f.length < 42 || u8(f, 0) != 0xFF || u8(f, 1) != 0x4F || u8(f, 2) != 0xFF || u8(f, 3) != 0x51) {
            return null;
        }
        long xsiz = u32(f, 8);
        long ysiz = u32(f, 12);
        long xosiz = u32(f, 16);
        long yosiz = u32(f, 20);
        int csiz = u16(f, 40);
        return new Shape(xsiz - xosiz, ysiz - yosiz, csiz);
    }

    /**
     * Whether a raw J2K codestream's components are signed (SIZ Ssiz bit 7, ISO/IEC 15444-1
     * A.5.1); true when there is no SIZ to tell.
     */
    static boolean j2kSigned(byte[] f) {
        return j2k(f) == null || f.length < 43 || (f[42] & 0x80) != 0;
    }

    /** Frame header of the first SOFn (or JPEG-LS SOF55) after SOI, or null. */
    static Shape jpeg(byte[] f) {
        if (f.length < 4 || u8(f, 0) != 0xFF || u8(f, 1) != 0xD8) {
            return null;
        }
        int pos = 2;
        while (pos + 4 <= f.length) {
            if (u8(f, pos) != 0xFF) {
                return null;
            }
            int marker = u8(f, pos + 1);
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2; // markers without a length
                continue;
            }
            int length = u16(f, pos + 2);
            boolean sof = (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) || marker == 0xF7;
            if (sof) {
                if (pos + 10 > f.length) {
                    return null;
                }
                return new Shape(u16(f, pos + 7), u16(f, pos + 5), u8(f, pos + 9));
            }
            if (marker == 0xDA || length < 2) {
                return null; // scan data before any frame header: damaged
            }
            pos += 2 + length;
        }
        return null;
    }

    private static int u8(byte[] f, int i) {
        return f[i] & 0xFF;
    }

    private static int u16(byte[] f, int i) {
        return (u8(f, i) << 8) | u8(f, i + 1);
    }

    private static long u32(byte[] f, int i) {
        return ((long) u16(f, i) << 16) | u16(f, i + 2);
    }
}
