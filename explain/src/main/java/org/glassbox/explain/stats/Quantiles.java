package org.glassbox.explain.stats;

import java.util.Arrays;

/** Sample quantiles of bootstrap distributions. */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The percentile interval of {@code values} at {@code level}: R's type-7 quantiles (linear
     * interpolation) at (1−level)/2 and (1+level)/2 of the finite values. NaN entries (resamples
     * where the statistic is undefined) are left out; all-NaN gives NaN.
     *
     * @return {lower, upper, number of finite values}
     */
    public static double[] percentileInterval(double[] values, double level) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        Arrays.sort(v);
        double a = (1 - level) / 2;
        return new double[] {type7(v, a), type7(v, 1 - a), v.length};
    }

    /** Type-7 quantile of sorted, finite {@code v} at probability {@code p} in [0, 1]. */
    static double type7(double[] v, double p) {
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    /** Sample standard deviation (denominator n−1) of the finite values; NaN with fewer than 2. */
    public static double standardDeviation(double[] values) {
        double sum = 0;
        int n = 0;
        for (double x : values) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : values) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        return Math.sqrt(ss / (n - 1));
    }
}
