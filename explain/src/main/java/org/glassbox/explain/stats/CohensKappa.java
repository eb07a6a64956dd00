package org.glassbox.explain.stats;

/** Cohen's kappa of two raters: binary decisions ({@link #of(long, long, long, long)}) or nominal categories ({@link #ofTable}). */
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

    /**
     * Cohen's kappa for nominal categories, κ = (p_o − p_e) / (1 − p_e), from the k × k table of the
     * two raters' ratings (as scikit-learn's {@code cohen_kappa_score} without weights).
     *
     * @param table {@code table[a][b]}: subjects the first rater put in category a and the second in b;
     *              square, no negative count
     * @return κ in [−1, 1]; NaN when the table is empty or p_e = 1 (both raters used one and the same
     *         category for every subject)
     * @throws IllegalArgumentException when the table is not square or holds a negative count
     */
    public static double ofTable(long[][] table) {
        int k = table.length;
        double[] rows = new double[k];
        double[] cols = new double[k];
        double n = 0;
        double agree = 0;
        for (int a = 0; a < k; a++) {
            if (table[a].length != k) {
                throw new IllegalArgumentException("kappa table must be square: row " + a + " has " + table[a].length + " cells, not " + k);
            }
            for (int b = 0; b < k; b++) {
                long c = table[a][b];
                if (c < 0) {
                    throw new IllegalArgumentException("negative count " + c + " in the kappa table at (" + a + ", " + b + ")");
                }
                rows[a] += c;
                cols[b] += c;
                n += c;
                if (a == b) {
                    agree += c;
                }
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double pe = 0;
        for (int j = 0; j < k; j++) {
            pe += rows[j] / n * (cols[j] / n);
        }
        double po = agree / n;
        return pe >= 1 ? Double.NaN : (po - pe) / (1 - pe);
    }
}
