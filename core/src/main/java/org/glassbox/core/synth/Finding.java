package org.glassbox.core.synth;

import java.util.Locale;

/**
 * The findings the synthetic cohort can contain. Each has a pixel mask; the label is the column
 * name in {@code truth.csv} and the suffix of the mask file.
 */
public enum Finding {
    /** A solitary pulmonary nodule, 4–15 mm radius; mask = the nodule disc, inside a lung. */
    NODULE("nodule"),
    /** Air-space opacity in one lung zone; mask = the opacified lung, inside a lung. */
    CONSOLIDATION("consolidation"),
    /** Fluid layering at one or both lung bases with a lateral meniscus; mask inside the lungs. */
    PLEURAL_EFFUSION("pleural_effusion"),
    /** Cardiothoracic ratio 0.55–0.68; mask = the (enlarged) heart silhouette. */
    CARDIOMEGALY("cardiomegaly");

    private final String label;

    Finding(String label) {
        this.label = label;
    }

    /** The truth.csv column and mask-file suffix, e.g. {@code pleural_effusion}. */
    public String label() {
        return label;
    }

    /** Parses a label ({@code pleural_effusion}) or enum name ({@code PLEURAL_EFFUSION}), any case. */
    public static Finding fromLabel(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Finding f : values()) {
            if (f.label.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown finding '" + text + "' (one of nodule, consolidation, pleural_effusion, cardiomegaly)");
    }
}
