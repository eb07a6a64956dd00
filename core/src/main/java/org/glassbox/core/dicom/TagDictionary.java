package org.glassbox.core.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;

/**
 * Names of data elements from the PS3.6 data dictionary (PixelMed's copy), for displays such as the
 * viewer's tag browser: keyword ("PatientAge") and full name ("Patient's Age"). Private tags and
 * tags the dictionary does not know get an empty name; the caller shows the tag number alone.
 */
public final class TagDictionary {
    private TagDictionary() {
    }

    /** The keyword, e.g. "WindowCenter" for (0028,1050); "" when unknown or private. */
    public static String keyword(int tag) {
        if (isPrivate(tag)) {
            return "";
        }
        String name = DicomDictionary.StandardDictionary.getNameFromTag(attributeTag(tag));
        return name == null ? "" : name;
    }

    /** The full name, e.g. "Window Center"; "" when unknown or private. */
    public static String fullName(int tag) {
        if (isPrivate(tag)) {
            return "";
        }
        String name = DicomDictionary.StandardDictionary.getFullNameFromTag(attributeTag(tag));
        return name == null ? "" : name;
    }

    /** "(gggg,eeee)" in upper-case hex, as PS3.5 writes tags. */
    public static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private static boolean isPrivate(int tag) {
        return ((tag >>> 16) & 1) == 1;
    }

    private static AttributeTag attributeTag(int tag) {
        return new AttributeTag(tag >>> 16, tag & 0xFFFF);
    }
}
