package org.glassbox.core.dicom;

import java.util.Map;

/**
 * The transfer syntaxes GlassBox reads (PS3.5 section 10 and Annex A), held as data: UID to
 * encoding and codec.
 */
final class TransferSyntaxes {
    private TransferSyntaxes() {
    }

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    /** How the pixel data of a transfer syntax is decoded. */
    enum Codec {
        /** Native (uncompressed) pixel data. */
        NATIVE,
        /** PS3.5 Annex G, our own decoder. */
        RLE,
        /** ImageIO "jpeg" (JDK) for 8-bit, GDCM worker otherwise. */
        JPEG,
        /** ImageIO "jpeg-lossless" (pixelmed_imageio). */
        JPEG_LOSSLESS,
        /** ImageIO "jpeg2000" (jai-imageio-jpeg2000). */
        JPEG_2000,
        /** GDCM worker process only. */
        JPEG_LS
    }

    /** Encoding of one transfer syntax. */
    record Syntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated, Codec codec) {
        boolean encapsulated() {
            return codec != Codec.NATIVE;
        }
    }

    private static final Map<String, Syntax> KNOWN = Map.ofEntries(
            entry(IMPLICIT_LE, false, false, false, Codec.NATIVE),
            entry(EXPLICIT_LE, true, false, false, Codec.NATIVE),
            entry(DEFLATED_LE, true, false, true, Codec.NATIVE),
            entry(EXPLICIT_BE, true, true, false, Codec.NATIVE),
            entry(JPEG_BASELINE, true, false, false, Codec.JPEG),
            entry(JPEG_EXTENDED, true, false, false, Codec.JPEG),
            entry(JPEG_LOSSLESS, true, false, false, Codec.JPEG_LOSSLESS),
            entry(JPEG_LOSSLESS_SV1, true, false, false, Codec.JPEG_LOSSLESS),
            entry(JPEG_LS_LOSSLESS, true, false, false, Codec.JPEG_LS),
            entry(JPEG_LS_NEAR_LOSSLESS, true, false, false, Codec.JPEG_LS),
            entry(JPEG_2000_LOSSLESS, true, false, false, Codec.JPEG_2000),
            entry(JPEG_2000, true, false, false, Codec.JPEG_2000),
            entry(RLE_LOSSLESS, true, false, false, Codec.RLE));

    private static Map.Entry<String, Syntax> entry(String uid, boolean explicit, boolean big, boolean deflated, Codec codec) {
        return Map.entry(uid, new Syntax(uid, explicit, big, deflated, codec));
    }

    /** The syntax for {@code uid}, or null when GlassBox does not read it. */
    static Syntax lookup(String uid) {
        return uid == null ? null : KNOWN.get(uid);
    }
}
