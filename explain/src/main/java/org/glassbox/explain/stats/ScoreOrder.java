package org.glassbox.explain.stats;

import java.util.Arrays;

/** Sorting cases by score with primitive arrays only (no boxing): sort once, reuse everywhere. */
public final class ScoreOrder {
    private ScoreOrder() {
    }

    /**
     * The given cases sorted by score ascending, ties by case index ascending. Two primitive sorts:
     * the distinct values, then (value rank &lt;&lt; 32 | case) as longs. O(n log n).
     *
     * @param scores  per case, no NaN among {@code cases}
     * @param cases   indices into {@code scores}, each in [0, 2³¹)
     */
    public static int[] ascending(double[] scores, int[] cases) {
        int n = cases.length;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = scores[cases[i]] + 0.0; // -0.0 → 0.0 so that equal scores share a rank
        }
        Arrays.sort(values);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || values[i] != values[distinct - 1]) {
                values[distinct++] = values[i];
            }
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long rank = Arrays.binarySearch(values, 0, distinct, scores[cases[i]] + 0.0);
            keys[i] = rank << 32 | (cases[i] & 0xFFFFFFFFL);
        }
        Arrays.sort(keys);
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = (int) keys[i];
        }
        return sorted;
    }
}
