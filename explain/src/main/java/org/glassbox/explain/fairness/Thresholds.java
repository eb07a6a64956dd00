package org.glassbox.explain.fairness;

/** Chooses a label's decision threshold on the whole cohort by a {@link ThresholdRule}. */
public final class Thresholds {
    private Thresholds() {
    }

    /**
     * @param scores   the cohort's valid scores in ascending order
     * @param positive their truth
     * @throws IllegalArgumentException when the rule needs positives/negatives the cohort lacks
     */
    public static double choose(ThresholdRule rule, double[] scores, boolean[] positive, String label) {
        if (rule instanceof ThresholdRule.Fixed f) {
            return f.threshold();
        }
        int n = scores.length;
        long pos = 0;
        for (boolean p : positive) {
            pos += p ? 1 : 0;
        }
        long neg = n - pos;
        if (pos == 0 || (rule instanceof ThresholdRule.Youden && neg == 0)) {
            throw new IllegalArgumentException("label '" + label + "': the cohort has " + pos + " positives and " + neg
                    + " negatives with a score; cannot choose a threshold by " + rule.describe() + " (give a fixed threshold)");
        }
        long tp = 0;
        long fp = 0;
        long best = Long.MIN_VALUE;
        double chosen = Double.NaN;
        for (int j = n - 1; j >= 0; j--) {
            if (positive[j]) {
                tp++;
            } else {
                fp++;
            }
            if (j > 0 && scores[j - 1] == scores[j]) {
                continue; // not yet the whole tie block
            }
            double tpr = (double) tp / pos;
            if (rule instanceof ThresholdRule.FixedSensitivity s) {
                if (tpr >= s.sensitivity()) {
                    return scores[j];
                }
            } else {
                // J·P·N in exact integer arithmetic, so that equal J compare equal (no rounding noise)
                long youden = tp * neg - fp * pos;
                if (youden > best) { // strict: the highest threshold wins ties
                    best = youden;
                    chosen = scores[j];
                }
            }
        }
        return chosen;
    }
}
