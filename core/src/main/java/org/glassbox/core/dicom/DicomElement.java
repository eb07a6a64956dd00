package org.glassbox.core.dicom;

import java.util.List;
import java.util.Objects;

/**
 * One data element of a DICOM data set, free of any toolkit type.
 *
 * <p>Text and numeric values are carried as strings, as they would be printed (PS3.5 6.2): for
 * numeric VRs (US, SS, UL, SL, FL, FD, IS, DS) one string per value. Sequences (SQ) carry their
 * items; binary VRs (OB, OW, OF, OD, OL, UN) carry neither values nor items, only their length —
 * except LUT Data (0028,3006), which carries its 16-bit words as unsigned decimal strings whatever
 * its VR, so that LUTs can be read (PS3.3 C.11.1.1.1, C.11.2.1.1).
 *
 * @param tag         (group &lt;&lt; 16) | element
 * @param vr          two-letter value representation
 * @param values      string values, empty for SQ and binary VRs and for empty elements
 * @param items       sequence items for SQ, otherwise empty
 * @param valueLength length of the value in bytes as stored, or -1 when undefined/unknown
 */
public record DicomElement(int tag, String vr, List<String> values, List<DicomDataset> items, long valueLength) {

    public DicomElement {
        Objects.requireNonNull(vr, "vr");
        values = List.copyOf(values);
        items = List.copyOf(items);
    }

    /** A text or numeric element. */
    public static DicomElement of(int tag, String vr, String... values) {
        long length = 0;
        for (String v : values) {
            length += v.length() + 1;
        }
        return new DicomElement(tag, vr, List.of(values), List.of(), Math.max(0, length - 1));
    }

    /** A sequence element. */
    public static DicomElement sequence(int tag, List<DicomDataset> items) {
        return new DicomElement(tag, "SQ", List.of(), items, -1);
    }

    public int group() {
        return tag >>> 16;
    }

    public int element() {
        return tag & 0xFFFF;
    }

    /** Private data elements have an odd group number (PS3.5 7.8). */
    public boolean isPrivate() {
        return DicomTags.isPrivate(tag);
    }

    public boolean isSequence() {
        return "SQ".equals(vr);
    }

    /** True when the element has no value: no items, only blank strings, or zero length. */
    public boolean isEmpty() {
        if (isSequence()) {
            return items.isEmpty();
        }
        if (!values.isEmpty()) {
            return values.stream().allMatch(String::isBlank);
        }
        return valueLength <= 0;
    }

    /** First value, or null when there is none. */
    public String firstValue() {
        return values.isEmpty() ? null : values.get(0);
    }
}
