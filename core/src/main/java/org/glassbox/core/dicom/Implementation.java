package org.glassbox.core.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedLongAttribute;
import java.util.Set;

/**
 * Who wrote a file (PS3.7 D.3.3.2, PS3.10 7.1): files GlassBox writes name GlassBox, not the
 * toolkit underneath, in the file meta information.
 */
final class Implementation {
    /** UUID-derived UID (PS3.5 B.2): 2.25 + uuid5(DNS, "implementation.glassbox.org"). */
    static final String CLASS_UID = "2.25.279992008296276419778047987952045282219";
    /** At most 16 characters (SH). */
    static final String VERSION_NAME = "GLASSBOX_0_1";

    private Implementation() {
    }

    /** VRs with a 4-byte length after two reserved bytes in explicit VR (PS3.5 7.1.2). */
    private static final Set<String> LONG_HEADER_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    /**
     * Replaces the implementation class UID and version name of a list's file meta information,
     * then recomputes FileMetaInformationGroupLength (0002,0000), which PixelMed computed for its own
     * values — a wrong group length makes readers lose the start of the data set.
     */
    static void stamp(AttributeList meta) throws DicomException {
        UniqueIdentifierAttribute uid = new UniqueIdentifierAttribute(new AttributeTag(0x0002, 0x0012));
        uid.addValue(CLASS_UID);
        meta.put(uid);
        ShortStringAttribute name = new ShortStringAttribute(new AttributeTag(0x0002, 0x0013));
        name.addValue(VERSION_NAME);
        meta.put(name);
        long length = 0;
        for (Attribute a : meta.values()) {
            AttributeTag tag = a.getTag();
            if (tag.getGroup() == 0x0002 && tag.getElement() != 0x0000) {
                String vr = new String(a.getVR(), java.nio.charset.StandardCharsets.US_ASCII);
                length += (LONG_HEADER_VRS.contains(vr) ? 12 : 8) + a.getPaddedVL();
            }
        }
        UnsignedLongAttribute groupLength = new UnsignedLongAttribute(new AttributeTag(0x0002, 0x0000));
        groupLength.addValue(length);
        meta.put(groupLength);
    }
}
