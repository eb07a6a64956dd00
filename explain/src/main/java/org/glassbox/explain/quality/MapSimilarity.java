package org.glassbox.explain.quality;

import java.util.Arrays;
import java.util.Comparator;
import org.glassbox.explain.SaliencyMap;

/** Similarity of two maps on the same grid, as used by the randomisation test (Adebayo et al. 2018). */
public final class MapSimilarity {
    /** SSIM constants (Wang et al. 2004) for data range 1: C1 = (0.01)², C2 = (0.03)². */
    private static final double C1 = 1e-4;
    private static final double C2 = 9e-4;
    private static final int SSIM_WINDOW = 7;

    private MapSimilarity() {
    }

    /**
     * Spearman rank correlation of |a| and |b| (Pearson of their ranks, ties given their average
     * rank), in [−1, 1]. NaN when either map is constant in absolute value.
     */
    public static double spearmanOfAbsolute(SaliencyMap a, SaliencyMap b) {
        requireSameGrid(a, b);
        return pearson(ranks(abs(a.values())), ranks(abs(b.values())));
    }

    /**
     * Mean SSIM (Wang et al. 2004) over 7×7 uniform windows (clipped at the border) of |a| and |b|,
     * each scaled to [0, 1] by its own maximum |value| (an all-zero map stays zero), data range 1.
     */
    public static double ssimOfAbsolute(SaliencyMap a, SaliencyMap b) {
        requireSameGrid(a, b);
        double[] x = normalised(abs(a.values()));
        double[] y = normalised(abs(b.values()));
        int h = a.height();
        int w = a.width();
        int r = SSIM_WINDOW / 2;
        double total = 0;
        for (int cy = 0; cy < h; cy++) {
            for (int cx = 0; cx < w; cx++) {
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                int n = 0;
                for (int yy = Math.max(0, cy - r); yy <= Math.min(h - 1, cy + r); yy++) {
                    for (int xx = Math.max(0, cx - r); xx <= Math.min(w - 1, cx + r); xx++) {
                        double p = x[yy * w + xx];
                        double q = y[yy * w + xx];
                        sx += p;
                        sy += q;
                        sxx += p * p;
                        syy += q * q;
                        sxy += p * q;
                        n++;
                    }
                }
                double mx = sx / n;
                double my = sy / n;
                double vx = sxx / n - mx * mx;
                double vy = syy / n - my * my;
                double cov = sxy / n - mx * my;
                total += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
            }
        }
        return total / (h * w);
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks 1..n, ties sharing their average rank. */
    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[v.length];
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = average;
            }
            i = j + 1;
        }
        return rank;
    }

    private static double[] abs(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    private static double[] normalised(double[] v) {
        double max = Arrays.stream(v).max().orElse(0);
        if (max <= 0) {
            return v;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / max;
        }
        return out;
    }

    private static void requireSameGrid(SaliencyMap a, SaliencyMap b) {
        if (a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("maps differ in size: " + a.height() + "×" + a.width() + " vs " + b.height() + "×" + b.width());
        }
    }
}
