package org.glassbox.explain.stats;

/**
 * Fleiss' kappa: agreement of a fixed number of raters who each put every subject into one of k
 * nominal categories (Fleiss 1971, "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5):378–382, equations 2–9).
 */
public final class FleissKappa {
    private FleissKappa() {
    }

    /**
     * κ = (P̄ − P̄ₑ) / (1 − P̄ₑ), where for N subjects and n raters P̄ is the mean over subjects of
     * Pᵢ = (Σⱼ nᵢⱼ² − n) / (n(n − 1)) and P̄ₑ = Σⱼ pⱼ² with pⱼ = Σᵢ nᵢⱼ / (N n) — the same as
     * statsmodels' {@code fleiss_kappa(table, method='fleiss')}.
     *
     * @param counts N × k table: {@code counts[i][j]} raters who put subject i in category j; every
     *               row must sum to the same n ≥ 2 and hold no negative count
     * @return κ in [−1, 1] (its lower bound is −1/(n−1)); NaN when there are no subjects or P̄ₑ = 1
     *         (every rating in one category, so chance agreement is already perfect)
     * @throws IllegalArgumentException when rows differ in length or in their number of raters, a count
     *                                  is negative, or there are fewer than 2 raters
     */
    public static double of(long[][] counts) {
        int subjects = counts.length;
        if (subjects == 0) {
            return Double.NaN;
        }
        int k = counts[0].length;
        long raters = -1;
        double[] categoryTotals = new double[k];
        double sumP = 0;
        for (int i = 0; i < subjects; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " categories, row 0 has " + k);
            }
            long n = 0;
            double squares = 0;
            for (int j = 0; j < k; j++) {
                long c = counts[i][j];
                if (c < 0) {
                    throw new IllegalArgumentException("negative count " + c + " at row " + i + ", category " + j);
                }
                n += c;
                squares += (double) c * c;
                categoryTotals[j] += c;
            }
            if (raters < 0) {
                raters = n;
                if (raters < 2) {
                    throw new IllegalArgumentException("Fleiss' kappa needs at least 2 ratings per subject, row 0 has " + raters);
                }
            } else if (n != raters) {
                throw new IllegalArgumentException("row " + i + " has " + n + " ratings, row 0 has " + raters
                        + "; every subject needs the same number of ratings");
            }
            sumP += (squares - n) / ((double) n * (n - 1));
        }
        double pBar = sumP / subjects;
        double total = (double) subjects * raters;
        double pe = 0;
        for (double t : categoryTotals) {
            double p = t / total;
            pe += p * p;
        }
        // pe == 1 exactly when a single category holds every rating (the p_j are ratios of integers).
        return pe >= 1 ? Double.NaN : (pBar - pe) / (1 - pe);
    }
}
