package org.glassbox.core.imaging;

/**
 * A DICOM lookup table: LUT Descriptor (0028,3002) plus LUT Data (0028,3006), as used by the
 * Modality LUT Sequence (PS3.3 C.11.1) and the VOI LUT Sequence (C.11.2). Input values below the
 * first mapped value give the first entry; values above the last mapped value give the last entry
 * (C.11.1.1.1, C.11.2.1.1).
 *
 * @param firstMapped first input value mapped (descriptor value 2; read as signed when the pixel
 *                    data are signed)
 * @param bits        bits per entry (descriptor value 3), 8..16
 * @param data        the entries, owned by this record; length = number of entries
 */
public record LookupTable(int firstMapped, int bits, int[] data) {

    public LookupTable {
        if (data.length < 1 || data.length > 65536) {
            throw new IllegalArgumentException("LUT must have 1..65536 entries, got " + data.length);
        }
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("LUT bits must be 1..16, got " + bits);
        }
    }

    /**
     * From the three LUT Descriptor values. A descriptor entry count of 0 means 65536 (C.11.1.1.1).
     *
     * @throws IllegalArgumentException when the data length does not match the descriptor
     */
    public static LookupTable fromDescriptor(int entries, int firstMapped, int bits, int[] data) {
        int n = entries == 0 ? 65536 : entries;
        if (data.length != n) {
            throw new IllegalArgumentException("LUT Descriptor says " + n + " entries, LUT Data has " + data.length);
        }
        return new LookupTable(firstMapped, bits, data.clone());
    }

    public int entries() {
        return data.length;
    }

    /** Largest output value representable: 2^bits - 1. */
    public int maxOutput() {
        return (1 << bits) - 1;
    }

    /** The entry for input {@code x}, clamped at both ends; x is truncated towards minus infinity. */
    public int lookup(double x) {
        double i = Math.floor(x) - firstMapped;
        if (i <= 0 || Double.isNaN(i)) {
            return data[0];
        }
        if (i >= data.length - 1) {
            return data[data.length - 1];
        }
        return data[(int) i];
    }
}
