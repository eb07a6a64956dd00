package org.glassbox.inference.train;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve by the rank formula (Mann–Whitney U / (n₊·n₋)): scores are ranked with
 * tied scores given the average of their ranks, so a tie between a positive and a negative counts
 * one half.
 */
public final class Auc {
    private Auc() {
    }

    /**
     * @param scores any real values (higher = more likely positive); NaN is refused
     * @param positive the truth per case
     * @return AUC in [0, 1], or NaN when there are no positives or no negatives
     */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositive = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // average of ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
