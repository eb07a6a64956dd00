package org.glassbox.core.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Hand-assembles Explicit VR Little Endian Part-10 bytes (PS3.10 7.1, PS3.5 7.1.2) for malformed-input tests. */
final class Part10Bytes {
    private static final Set<String> LONG = Set.of("OB", "OW", "SQ", "UN", "UT", "OF");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Preamble, DICM and a meta group holding only the given transfer syntax (null: none). */
    static Part10Bytes withMeta(String ts) {
        Part10Bytes p = new Part10Bytes();
        p.out.writeBytes(new byte[128]);
        p.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        p.element(0x00020001, "OB", new byte[] {0, 1});
        if (ts != null) {
            p.text(0x00020010, "UI", ts);
        }
        return p;
    }

    /** A bare data set, without preamble or meta information (to deflate or append). */
    static Part10Bytes dataSet() {
        return new Part10Bytes();
    }

    Part10Bytes text(int tag, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        if (v.length % 2 == 1) {
            v = (value + (vr.equals("UI") ? "\0" : " ")).getBytes(StandardCharsets.US_ASCII);
        }
        return element(tag, vr, v);
    }

    Part10Bytes us(int tag, int value) {
        return element(tag, "US", ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }

    Part10Bytes element(int tag, String vr, byte[] value) {
        return header(tag, vr, value.length).raw(value);
    }

    /** An element header with any declared length (undefined = 0xFFFFFFFFL). */
    Part10Bytes header(int tag, String vr, long length) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag);
        b.put(vr.getBytes(StandardCharsets.ISO_8859_1));
        if (LONG.contains(vr)) {
            b.putShort((short) 0).putInt((int) length);
        } else {
            b.putShort((short) length);
        }
        out.write(b.array(), 0, b.position());
        return this;
    }

    /** An item or delimiter: tag (FFFE,xxxx) and a 4-byte length. */
    Part10Bytes item(int tag, long length) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length);
        out.writeBytes(b.array());
        return this;
    }

    Part10Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A minimal 2x2 8-bit MONOCHROME2 image module. */
    Part10Bytes imageModule() {
        text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.7");
        text(0x00080018, "UI", "2.25.42");
        us(DicomTags.SamplesPerPixel, 1);
        text(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2");
        us(DicomTags.Rows, 2);
        us(DicomTags.Columns, 2);
        us(DicomTags.BitsAllocated, 8);
        us(DicomTags.BitsStored, 8);
        us(DicomTags.HighBit, 7);
        return us(DicomTags.PixelRepresentation, 0);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
