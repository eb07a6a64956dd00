package org.glassbox.core.imaging;

/**
 * VOI LUT Function (0028,1056): how Window Center/Width map modality values to output values
 * (PS3.3 C.11.2.1.3). LINEAR is the default when the attribute is absent.
 */
public enum VoiLutFunction {
    /** PS3.3 C.11.2.1.2.1 — the classic window, width &ge; 1. */
    LINEAR,
    /** PS3.3 C.11.2.1.3.2 — exact linear mapping without the half-unit offsets, width &gt; 0. */
    LINEAR_EXACT,
    /** PS3.3 C.11.2.1.3.1 — logistic curve, width &gt; 0. */
    SIGMOID;

    /** Parses the attribute value; null or blank gives LINEAR; unknown values are refused. */
    public static VoiLutFunction parse(String value) {
        if (value == null || value.isBlank()) {
            return LINEAR;
        }
        return switch (value.trim()) {
            case "LINEAR" -> LINEAR;
            case "LINEAR_EXACT" -> LINEAR_EXACT;
            case "SIGMOID" -> SIGMOID;
            default -> throw new IllegalArgumentException("unknown VOI LUT Function: " + value.trim());
        };
    }
}
