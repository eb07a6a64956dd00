package org.glassbox.core.dicom;

import java.util.List;
import org.glassbox.core.imaging.LookupTable;

/**
 * Reads one LUT item — LUT Descriptor (0028,3002) and LUT Data (0028,3006) — of the Modality LUT
 * Sequence (PS3.3 C.11.1.1.1) or the VOI LUT Sequence (C.11.2.1.1).
 *
 * <p>Descriptor: value 1 is the number of entries (0 means 65536); value 2 the first input value
 * mapped, whose VR is US or SS depending on where the input comes from (see {@code signedInput});
 * value 3 the bits per entry, 8..16. Whatever VR a writer chose, the words are re-read here: a
 * value 2 written as US 64512 on signed input is -1024, and written as SS -1 on unsigned input is 65535.
 *
 * <p>Data: 16-bit words. Entries of 9..16 bits are one per word. Entries of 8 bits are stored "in a
 * format equivalent to 8 bits allocated" — two per OW word, the first entry in the low byte (the
 * little-endian byte order of the stream) and a pad byte when the count is odd; files that instead
 * put one 8-bit entry per word (common with VR US) are recognised by their word count.
 */
final class LutReader {
    private LutReader() {
    }

    /**
     * @param signedInput true when the LUT's input values may be negative, so descriptor value 2 is SS
     * @throws IllegalArgumentException naming what is wrong with the item
     */
    static LookupTable read(DicomDataset item, boolean signedInput) {
        List<String> desc = item.get(DicomTags.LUTDescriptor).map(DicomElement::values).orElse(List.of());
        if (desc.size() != 3) {
            throw new IllegalArgumentException("LUT Descriptor (0028,3002) must have 3 values, has " + desc.size());
        }
        int entries = word(desc.get(0), "LUT Descriptor value 1");
        int first = word(desc.get(1), "LUT Descriptor value 2");
        int bits = word(desc.get(2), "LUT Descriptor value 3");
        int n = entries == 0 ? 65536 : entries;
        int firstMapped = signedInput ? (short) first : first;
        if (bits < 8 || bits > 16) {
            throw new IllegalArgumentException("LUT Descriptor gives " + bits + " bits per entry; 8..16 allowed");
        }
        DicomElement data = item.get(DicomTags.LUTData)
                .orElseThrow(() -> new IllegalArgumentException("no LUT Data (0028,3006)"));
        List<String> words = data.values();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("LUT Data (0028,3006) has no readable 16-bit words (VR " + data.vr()
                    + ", " + data.valueLength() + " bytes)");
        }
        int[] table = new int[n];
        if (words.size() == n) {
            for (int i = 0; i < n; i++) {
                table[i] = word(words.get(i), "LUT Data word " + i);
            }
        } else if (bits == 8 && words.size() == (n + 1) / 2) {
            for (int i = 0; i < n; i++) {
                int w = word(words.get(i / 2), "LUT Data word " + i / 2);
                table[i] = (i & 1) == 0 ? w & 0xFF : w >>> 8;
            }
        } else {
            throw new IllegalArgumentException("LUT Descriptor says " + n + " entries of " + bits + " bits, LUT Data has "
                    + words.size() + " words");
        }
        return new LookupTable(firstMapped, bits, table);
    }

    /** A value as its 16-bit word, 0..65535 (an SS value -1 gives 65535). */
    private static int word(String value, String what) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + value.trim() + "'");
        }
        if (v < Short.MIN_VALUE || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of the 16-bit range: " + v);
        }
        return (int) (v & 0xFFFF);
    }
}
