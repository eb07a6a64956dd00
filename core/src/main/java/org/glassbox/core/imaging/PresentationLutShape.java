package org.glassbox.core.imaging;

/**
 * Presentation LUT Shape (2050,0020) of an image (PS3.3 C.11.6.1; in the DX Image Module,
 * C.8.11.7, it is IDENTITY for MONOCHROME2 and INVERSE for MONOCHROME1). INVERSE means the output
 * of the VOI stage is inverted before display; together with MONOCHROME1 it describes the same one
 * inversion, never two.
 */
public enum PresentationLutShape {
    IDENTITY,
    INVERSE;

    /**
     * Parses the attribute value; null or blank gives null (attribute absent).
     *
     * @throws IllegalArgumentException for any other value (e.g. LIN OD, which is for print)
     */
    public static PresentationLutShape parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim()) {
            case "IDENTITY" -> IDENTITY;
            case "INVERSE" -> INVERSE;
            default -> throw new IllegalArgumentException("unsupported Presentation LUT Shape: " + value.trim());
        };
    }
}
