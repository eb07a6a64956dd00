package org.glassbox.explain.stats;

/** Cohen's kappa of two binary raters. */
public final class CohensKappa {
    private CohensKappa() {
    }

    /**
     * κ = (p_o − p_e) / (1 − p_e) for the 2×2 table of decisions (as scikit-learn's
     * {@code cohen_kappa_score}); NaN when p_e = 1 (both raters constant and equal) or no cases.
     *
     * @param both1 both positive; {@code only1}: first positive only; {@code only2}: second only; {@code both0}: both negative
     */
    public static double of(long both1, long only1, long only2, long both0) {
        double n = both1 + only1 + only2 + both0;
        if (n == 0) {
            return Double.NaN;
        }
        double po = (both1 + both0) / n;
        double first1 = (both1 + only1) / n;
        double second1 = (both1 + only2) / n;
        double pe = first1 * second1 + (1 - first1) * (1 - second1);
        return pe == 1 ? Double.NaN : (po - pe) / (1 - pe);
    }
}
