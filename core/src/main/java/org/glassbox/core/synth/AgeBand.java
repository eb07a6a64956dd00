package org.glassbox.core.synth;

/**
 * Age bands used to group cases in truth.csv and fairness audits: [18, 40), [40, 60), [60, 80),
 * [80, ∞). Ages under 18 fall into the first band (the generator draws adults only).
 */
public enum AgeBand {
    UNDER_40("18-39", 40), AGE_40_59("40-59", 60), AGE_60_79("60-79", 80), AGE_80_PLUS("80+", Integer.MAX_VALUE);

    private final String label;
    private final int upperExclusive;

    AgeBand(String label, int upperExclusive) {
        this.label = label;
        this.upperExclusive = upperExclusive;
    }

    /** The label written to truth.csv, e.g. {@code 40-59}. */
    public String label() {
        return label;
    }

    /** The band holding {@code ageYears} (whole years); NaN is refused. */
    public static AgeBand of(double ageYears) {
        if (Double.isNaN(ageYears)) {
            throw new IllegalArgumentException("age is NaN");
        }
        for (AgeBand b : values()) {
            if (ageYears < b.upperExclusive) {
                return b;
            }
        }
        return AGE_80_PLUS;
    }
}
