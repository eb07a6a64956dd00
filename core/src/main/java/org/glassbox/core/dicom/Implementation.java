package org.glassbox.core.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;

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

    /** Replaces the implementation class UID and version name of a list's file meta information. */
    static void stamp(AttributeList meta) throws DicomException {
        UniqueIdentifierAttribute uid = new UniqueIdentifierAttribute(new AttributeTag(0x0002, 0x0012));
        uid.addValue(CLASS_UID);
        meta.put(uid);
        ShortStringAttribute name = new ShortStringAttribute(new AttributeTag(0x0002, 0x0013));
        name.addValue(VERSION_NAME);
        meta.put(name);
    }
}
