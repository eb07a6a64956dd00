package org.glassbox.explain.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * AUC and its DeLong variance by the fast algorithm of Sun &amp; Xu (2014, IEEE Signal Processing
 * Letters 21(11)): the structural components ("placements") of each positive and negative come
 * from counts in the sorted scores of the other class, O(n log n) instead of O(m·n).
 *
 * <p>For a positive with score x, V10 = (#negatives below x + ½ #negatives tied with x) / n; for a
 * negative with score y, V01 = (#positives above y + ½ #positives tied with y) / m. AUC = mean V10
 * = mean V01, and Var(AUC) = S10/m + S01/n with S the sample variances (denominator m−1, n−1) —
 * DeLong, DeLong &amp; Clarke-Pearson (1988), as pROC computes them ({@code var(roc)},
 * {@code ci.auc(method="delong")}, {@code roc.test(method="delong")}, direction "&lt;": higher score
 * means positive). Stateless.
 */
public final class DeLong {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private DeLong() {
    }

    /**
     * The placements of one model.
     *
     * @param auc  AUC in [0, 1]; NaN when there are no positives or no negatives
     * @param v10  per positive, in input order
     * @param v01  per negative, in input order
     */
    public record Placements(double auc, double[] v10, double[] v01) {
        /** DeLong variance S10/m + S01/n; NaN with fewer than 2 positives or 2 negatives. */
        public double variance() {
            return covariance(this, this);
        }
    }

    /** AUC with its DeLong variance and normal-approximation CI (clipped to [0, 1] like pROC). */
    public record AucInterval(double auc, double variance, double lower, double upper) {
    }

    /** Paired comparison of two models on the same cases: d = auc2 − auc1. */
    public record PairedTest(double auc1, double auc2, double difference, double standardError, double z, double pValue,
                             double lower, double upper) {
    }

    /** Unpaired (independent samples) comparison as pROC's delong.unpaired.test: Welch t with df. */
    public record UnpairedTest(double difference, double t, double df, double pValue) {
    }

    /**
     * @param positives scores of the positive cases (any order; no NaN)
     * @param negatives scores of the negative cases
     */
    public static Placements placements(double[] positives, double[] negatives) {
        int m = positives.length;
        int n = negatives.length;
        if (m == 0 || n == 0) {
            return new Placements(Double.NaN, new double[m], new double[n]);
        }
        double[] sx = positives.clone();
        double[] sy = negatives.clone();
        Arrays.sort(sx);
        Arrays.sort(sy);
        double[] v10 = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double x = positives[i];
            int below = lowerBound(sy, x);
            int tied = upperBound(sy, x) - below;
            v10[i] = (below + 0.5 * tied) / n;
            sum += v10[i];
        }
        double[] v01 = new double[n];
        for (int j = 0; j < n; j++) {
            double y = negatives[j];
            int upTo = upperBound(sx, y);
            int tied = upTo - lowerBound(sx, y);
            v01[j] = (m - upTo + 0.5 * tied) / m;
        }
        return new Placements(sum / m, v10, v01);
    }

    /** Splits scores by truth (true = positive) and computes the placements. */
    public static Placements placements(double[] scores, boolean[] positive) {
        int m = 0;
        for (boolean p : positive) {
            m += p ? 1 : 0;
        }
        double[] x = new double[m];
        double[] y = new double[scores.length - m];
        int i = 0;
        int j = 0;
        for (int k = 0; k < scores.length; k++) {
            if (positive[k]) {
                x[i++] = scores[k];
            } else {
                y[j++] = scores[k];
            }
        }
        return placements(x, y);
    }

    /** AUC, variance and CI at {@code level} (two-sided); NaN variance and CI with fewer than 2 of either class. */
    public static AucInterval interval(Placements p, double level) {
        double var = p.variance();
        double z = STANDARD_NORMAL.inverseSurvivalProbability((1 - level) / 2);
        double sd = Math.sqrt(var);
        return new AucInterval(p.auc(), var, clip01(p.auc() - z * sd), clip01(p.auc() + z * sd));
    }

    /**
     * The paired DeLong test of two models scored on the same cases (same order in both
     * placements), as pROC's {@code roc.test(roc2, roc1, method="delong", paired=TRUE)} for d = auc2 − auc1.
     * z = d / sqrt(V1 + V2 − 2 Cov); p two-sided normal; CI d ± z_{level} · se. When d and se are
     * both 0, z = 0 and p = 1 (as pROC).
     */
    public static PairedTest paired(Placements model1, Placements model2, double level) {
        double v1 = model1.variance();
        double v2 = model2.variance();
        double cov = covariance(model1, model2);
        double se = Math.sqrt(Math.max(0, v1 + v2 - 2 * cov));
        double d = model2.auc() - model1.auc();
        double z = d / se;
        if (d == 0 && se == 0) {
            z = 0;
        }
        double p = Double.isNaN(z) ? Double.NaN : 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
        double crit = STANDARD_NORMAL.inverseSurvivalProbability((1 - level) / 2);
        return new PairedTest(model1.auc(), model2.auc(), d, se, z, Math.min(1, p), d - crit * se, d + crit * se);
    }

    /**
     * Two AUCs from independent samples (two subgroups): t = (auc1 − auc2) / sqrt(V1 + V2) with
     * Welch–Satterthwaite degrees of freedom, exactly pROC's {@code delong.unpaired.test}; p two-sided
     * from Student's t.
     *
     * @param n1 cases of sample 1 (positives + negatives), n2 likewise
     */
    public static UnpairedTest unpaired(Placements s1, int n1, Placements s2, int n2) {
        double v1 = s1.variance();
        double v2 = s2.variance();
        double d = s1.auc() - s2.auc();
        double t = d / Math.sqrt(v1 + v2);
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        double p = Double.NaN;
        if (!Double.isNaN(t) && !Double.isNaN(df) && df > 0) {
            p = Double.isInfinite(t) ? 0 : Math.min(1, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
        }
        return new UnpairedTest(d, t, df, p);
    }

    /** Cov(AUC1, AUC2) = Cov(V10)/m + Cov(V01)/n over the same cases; NaN with m &lt; 2 or n &lt; 2. */
    static double covariance(Placements a, Placements b) {
        int m = a.v10().length;
        int n = a.v01().length;
        if (m < 2 || n < 2 || b.v10().length != m || b.v01().length != n) {
            return Double.NaN;
        }
        double s10 = 0;
        for (int i = 0; i < m; i++) {
            s10 += (a.v10()[i] - a.auc()) * (b.v10()[i] - b.auc());
        }
        double s01 = 0;
        for (int j = 0; j < n; j++) {
            s01 += (a.v01()[j] - a.auc()) * (b.v01()[j] - b.auc());
        }
        return s10 / (m - 1) / m + s01 / (n - 1) / n;
    }

    private static double clip01(double v) {
        return Double.isNaN(v) ? v : Math.max(0, Math.min(1, v));
    }

    /** Number of elements of sorted {@code a} strictly below {@code v}. */
    static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of elements of sorted {@code a} at or below {@code v}. */
    static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
