package org.glassbox.core.npy;

import java.util.Locale;

/**
 * The element types GlassBox reads and writes in {@code .npy} files, with their NumPy
 * array-protocol type strings ({@code descr}). Only little-endian (or byte-sized) types: a
 * big-endian {@code descr} such as {@code >f4} is refused by the reader.
 */
public enum NpyDtype {
    /** IEEE 754 single precision, little-endian ({@code <f4}). */
    FLOAT32("<f4", 4),
    /** Unsigned byte ({@code |u1}), 0..255. */
    UINT8("|u1", 1),
    /** Signed 16-bit, little-endian ({@code <i2}), -32768..32767. */
    INT16("<i2", 2),
    /** Unsigned 16-bit, little-endian ({@code <u2}), 0..65535. */
    UINT16("<u2", 2);

    private final String descr;
    private final int itemSize;

    NpyDtype(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** The descr string written in the header. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /**
     * Parses a header descr. Byte-sized types accept any byte-order character ({@code |u1},
     * {@code <u1}, {@code =u1}, {@code u1}); wider types must be little-endian ({@code <}).
     *
     * @throws IllegalArgumentException for any other type, naming it
     */
    public static NpyDtype fromDescr(String descr) {
        String d = descr.trim();
        return switch (d.toLowerCase(Locale.ROOT)) {
            case "<f4" -> FLOAT32;
            case "|u1", "<u1", "=u1", "u1", ">u1" -> UINT8;
            case "<i2" -> INT16;
            case "<u2" -> UINT16;
            default -> throw new IllegalArgumentException("unsupported dtype '" + d
                    + "' (supported: <f4, |u1, <i2, <u2; little-endian only)");
        };
    }
}
