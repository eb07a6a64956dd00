package org.glassbox.core.dicom;

import java.util.Objects;

/**
 * What an exported map is, in the words a PACS user sees. Free of any explanation type: the
 * caller (the CLI, the workstation) describes its map.
 *
 * @param label        Content Label (0070,0080), a DICOM CS: at most 16 characters of A–Z, 0–9,
 *                     space and underscore (e.g. "GRADCAM"); other characters are replaced by "_"
 * @param description  Content Description and Series Description, at most 64 characters (e.g.
 *                     "Grad-CAM for consolidation, layer block5, model demo-v1 1.0.0")
 * @param methodCode   a short code for the method (at most 16 characters, e.g. "gradcam"), written
 *                     as a Derivation Code in GlassBox's local coding scheme
 * @param methodName   the method's name (at most 64 characters, e.g. "Grad-CAM")
 * @param units        UCUM code of the values: "1" (no units, e.g. a CAM normalised to [0, 1]) or
 *                     "[arb'U]" (arbitrary units, e.g. attributions in logit units)
 * @param softwareVersion the writing software's version, e.g. "0.1.0"
 */
public record MapContent(String label, String description, String methodCode, String methodName, String units,
                         String softwareVersion) {
    public MapContent {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(methodCode, "methodCode");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        label = label.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9 _]", "_");
        label = label.substring(0, Math.min(16, label.length()));
        description = cut(description, 64);
        methodCode = cut(methodCode, 16);
        methodName = cut(methodName, 64);
        if (!units.equals("1") && !units.equals("[arb'U]")) {
            throw new IllegalArgumentException("units must be \"1\" or \"[arb'U]\", got '" + units + "'");
        }
        softwareVersion = cut(softwareVersion, 64);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
