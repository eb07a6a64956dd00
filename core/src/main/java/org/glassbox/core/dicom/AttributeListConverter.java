package org.glassbox.core.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
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
 * Sequences are converted recursively; binary VRs carry their length only (PS3.5 6.2).
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
        if (vr == null || BINARY_VRS.contains(vr) || tag == DicomTags.PixelData) {
            return new DicomElement(tag, vr == null ? "UN" : vr, List.of(), List.of(), a.getVL());
        }
        String[] values = a.getStringValues();
        List<String> list = values == null ? List.of() : Arrays.asList(values);
        return new DicomElement(tag, vr, list.stream().map(v -> v == null ? "" : v).toList(), List.of(), a.getVL());
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

    /** One element as an Attribute, or null for a binary element. */
    static Attribute toAttribute(DicomElement e, SpecificCharacterSet charset) throws DicomException {
        AttributeTag tag = new AttributeTag(e.group(), e.element());
        if (e.isSequence()) {
            SequenceAttribute sq = new SequenceAttribute(tag);
            for (DicomDataset item : e.items()) {
                sq.addItem(toAttributeList(item, charset));
            }
            return sq;
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
