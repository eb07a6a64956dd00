package org.glassbox.explain.stats;

/** Evenness of shares: Gini coefficient and Shannon index. */
public final class Diversity {
    private Diversity() {
    }

    /**
     * Gini coefficient of non-negative counts: Σᵢⱼ |xᵢ − xⱼ| / (2 k Σ x) — 0 when all are equal,
     * 1 − 1/k when one holds everything; NaN for no counts or a zero total. O(k log k).
     */
    public static double gini(long[] counts) {
        int k = counts.length;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (k == 0 || total == 0) {
            return Double.NaN;
        }
        long[] sorted = counts.clone();
        java.util.Arrays.sort(sorted);
        // Σᵢⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − k + 1) x₍ᵢ₎ for ascending x₍ᵢ₎, i from 0
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += (2.0 * i - k + 1) * sorted[i];
        }
        return s / ((double) k * total);
    }

    /** Shannon index −Σ pᵢ ln pᵢ of the shares pᵢ = xᵢ / Σ x (zero counts contribute 0); NaN for a zero total. */
    public static double shannon(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
