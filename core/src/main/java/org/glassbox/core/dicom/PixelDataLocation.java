package org.glassbox.core.dicom;

import java.util.List;

/**
 * Where the Pixel Data element (7FE0,0010) lies in a scanned data set.
 *
 * @param elementOffset offset of the element's tag in the data set buffer
 * @param valueOffset   offset of the first value byte (native) or of the first item (encapsulated)
 * @param valueEnd      offset just past the value (past the sequence delimiter when encapsulated)
 * @param encapsulated  true for undefined length with items (PS3.5 A.4)
 * @param offsetTable   Basic Offset Table entries (bytes from the first fragment's item tag), may be empty
 * @param fragments     encapsulated fragments in order; empty for native pixel data
 */
record PixelDataLocation(long elementOffset, long valueOffset, long valueEnd, boolean encapsulated,
                         List<Long> offsetTable, List<Fragment> fragments) {

    PixelDataLocation {
        offsetTable = List.copyOf(offsetTable);
        fragments = List.copyOf(fragments);
    }

    long nativeLength() {
        return valueEnd - valueOffset;
    }

    /**
     * One fragment of encapsulated pixel data.
     *
     * @param itemOffset  offset of the item tag, from which Basic Offset Table entries count
     * @param valueOffset offset of the first byte of the fragment
     * @param length      bytes in the fragment
     */
    record Fragment(long itemOffset, long valueOffset, int length) {
    }
}
