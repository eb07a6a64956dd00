package org.glassbox.explain.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/** McNemar's test of paired binary outcomes from the discordant counts b and c. */
public final class McNemar {
    private McNemar() {
    }

    /**
     * Exact two-sided binomial p-value: min(1, 2 · P(X ≤ min(b, c))) for X ~ Bin(b + c, ½) (R's
     * {@code binom.test(b, b + c)}); 1 when b + c = 0.
     */
    public static double exactP(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1;
        }
        return Math.min(1, 2 * BinomialDistribution.of(n, 0.5).cumulativeProbability(Math.min(b, c)));
    }

    /** (|b − c| − 1)² / (b + c), the continuity-corrected statistic of R's {@code mcnemar.test}; NaN when b + c = 0. */
    public static double chiSquareCorrected(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return Double.NaN;
        }
        double d = Math.abs(b - c) - 1.0;
        return d * d / n;
    }

    /** Upper tail of χ²(1) at {@code statistic}. */
    public static double chiSquareP(double statistic) {
        return ChiSquaredDistribution.of(1).survivalProbability(statistic);
    }
}
