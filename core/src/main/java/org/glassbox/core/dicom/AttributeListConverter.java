package org.glassbox.core.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.SpecificCharacterSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Converts between PixelMed's {@code AttributeList} and the toolkit-free {@link DicomDataset}.
 * Sequences are converted recursively; binary VRs carry their length only (PS3.5 6.2), except
 * LUT Data (0028,3006), whose 16-bit words travel as unsigned decimal strings whatever its VR (US or
 * OW), so that the Modality and VOI LUT Sequences can be read without the toolkit (PS3.3 C.11.1.1.1,
 * C.11.2.1.1). Its size is bounded by the header, which the scanner has already bounded by the file.
 */
final class AttributeListConverter {
    private AttributeListConverter() {
    }

    /** VRs whose values are bytes or words, not text (PS3.5 Table 6.2-1). */
    static final Set<String> BINARY_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "UN");

    static DicomDataset toDataset(AttributeList list) throws DicomException {
        DicomDataset.Builder b = DicomDataset.builder();
        for (Attribute a : list.values()) {
            b.put(toElement(a));
        }
        return b.build();
    }

    static DicomElement toElement(Attribute a) throws DicomException {
        int tag = (a.getGroup() << 16) | a.getElement();
        String vr = a.getVRAsString();
        if (a instanceof SequenceAttribute sq) {
            List<DicomDataset> items = new ArrayList<>();
            Iterator<SequenceItem> it = sq.iterator();
            while (it.hasNext()) {
                items.add(toDataset(it.next().getAttributeList()));
            }
            return DicomElement.sequence(tag, items);
        }
        if (tag == DicomTags.LUTData) {
            DicomElement words = lutWords(a, vr);
            if (words != null) {
                return words;
            }
        }
        if (vr == null || BINARY_VRS.contains(vr) || tag == DicomTags.PixelData) {
            return new DicomElement(tag, vr == null ? "UN" : vr, List.of(), List.of(), a.getVL());
        }
        String[] values = a.getStringValues();
        List<String> list = values == null ? List.of() : Arrays.asList(values);
        return new DicomElement(tag, vr, list.stream().map(v -> v == null ? "" : v).toList(), List.of(), a.getVL());
    }

    /**
     * LUT Data as its 16-bit words (0..65535, in file order as the toolkit decoded them for the
     * transfer syntax), or null when the toolkit cannot give words (e.g. a non-conformant OB).
     */
    private static DicomElement lutWords(Attribute a, String vr) {
        short[] words;
        try {
            words = a.getShortValues();
        } catch (DicomException | RuntimeException e) {
            return null;
        }
        if (words == null) {
            return null;
        }
        List<String> values = new ArrayList<>(words.length);
        for (short w : words) {
            values.add(Integer.toString(w & 0xFFFF));
        }
        return new DicomElement(DicomTags.LUTData, vr == null ? "UN" : vr, values, List.of(), a.getVL());
    }

    /** The character set a data set declares, for encoding its text values. */
    static SpecificCharacterSet charsetOf(DicomDataset dataset) {
        return dataset.get(DicomTags.SpecificCharacterSet)
                .map(e -> new SpecificCharacterSet(e.values().toArray(String[]::new)))
                .orElse(new SpecificCharacterSet((String[]) null));
    }

    /**
     * Builds an AttributeList. Binary elements (which carry no bytes in a DicomDataset) are skipped:
     * callers that need pixels or other binary values add them themselves.
     */
    static AttributeList toAttributeList(DicomDataset dataset, SpecificCharacterSet charset) throws DicomException {
        AttributeList list = new AttributeList();
        for (DicomElement e : dataset.elements()) {
            Attribute a = toAttribute(e, charset);
            if (a != null) {
                list.put(a);
            }
        }
        return list;
    }

    /** LUT Data written back as OW from its words (0..65535 each). */
    private static Attribute lutData(AttributeTag tag, List<String> values) throws DicomException {
        short[] words = new short[values.size()];
        for (int i = 0; i < words.length; i++) {
            int w = Integer.parseInt(values.get(i).trim());
            if (w < 0 || w > 0xFFFF) {
                throw new DicomException("LUT Data word " + i + " out of 0..65535: " + w);
            }
            words[i] = (short) w;
        }
        OtherWordAttribute a = new OtherWordAttribute(tag);
        a.setValues(words);
        return a;
    }

    /** One element as an Attribute, or null for a binary element (except LUT Data with words). */
    static Attribute toAttribute(DicomElement e, SpecificCharacterSet charset) throws DicomException {
        AttributeTag tag = new AttributeTag(e.group(), e.element());
        if (e.isSequence()) {
            SequenceAttribute sq = new SequenceAttribute(tag);
            for (DicomDataset item : e.items()) {
                sq.addItem(toAttributeList(item, charset));
            }
            return sq;
        }
        if (e.tag() == DicomTags.LUTData && "OW".equals(e.vr()) && !e.values().isEmpty()) {
            return lutData(tag, e.values());
        }
        if (BINARY_VRS.contains(e.vr())) {
            return null;
        }
        Attribute a = AttributeFactory.newAttribute(tag, e.vr().getBytes(StandardCharsets.US_ASCII), charset);
        for (String v : e.values()) {
            a.addValue(v);
        }
        return a;
    }
}
