package org.glassbox.explain.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One subgroup of one label, held in ascending score order so that every statistic — AUC by
 * Mann–Whitney with weights, the confusion counts at the threshold, Brier, equal-mass ECE — comes
 * from a single linear pass, for the point estimate (every case once) and for each bootstrap
 * resample (each case with its multiplicity). Nothing is re-sorted per resample.
 *
 * <p>Immutable after construction; {@link #evaluate} and {@link #resample} write only into the
 * caller's scratch arrays, so one instance serves many threads.
 */
final class SortedSubgroup {
    /** Slots of {@link #evaluate}'s output, in {@link Metric} order. */
    static final int METRICS = Metric.values().length;

    private final int[] cases;
    private final double[] score;
    private final boolean[] positive;
    private final int[] label;
    private final boolean[] tieEnd;
    private final int cut;
    private final int[] positivePositions;
    private final int[] negativePositions;

    /**
     * @param sortedCases cohort indices of the subgroup's cases in ascending score order
     * @param scores      cohort scores (no NaN among the cases)
     * @param truth       cohort truth (0/1 among the cases)
     * @param threshold   decision threshold: positive when score &gt;= threshold
     */
    SortedSubgroup(int[] sortedCases, double[] scores, byte[] truth, double threshold) {
        int n = sortedCases.length;
        this.cases = sortedCases.clone();
        this.score = new double[n];
        this.positive = new boolean[n];
        this.label = new int[n];
        this.tieEnd = new boolean[n];
        int p = 0;
        for (int j = 0; j < n; j++) {
            score[j] = scores[sortedCases[j]];
            positive[j] = truth[sortedCases[j]] == AuditCohort.TRUTH_POSITIVE;
            label[j] = positive[j] ? 1 : 0;
            p += label[j];
        }
        for (int j = 0; j < n; j++) {
            tieEnd[j] = j == n - 1 || score[j + 1] != score[j];
        }
        int c = 0;
        while (c < n && !(score[c] >= threshold)) {
            c++;
        }
        this.cut = c;
        this.positivePositions = new int[p];
        this.negativePositions = new int[n - p];
        int a = 0;
        int b = 0;
        for (int j = 0; j < n; j++) {
            if (positive[j]) {
                positivePositions[a++] = j;
            } else {
                negativePositions[b++] = j;
            }
        }
    }

    int size() {
        return score.length;
    }

    int positives() {
        return positivePositions.length;
    }

    int negatives() {
        return negativePositions.length;
    }

    double[] positiveScores() {
        double[] x = new double[positivePositions.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = score[positivePositions[i]];
        }
        return x;
    }

    double[] negativeScores() {
        double[] y = new double[negativePositions.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = score[negativePositions[i]];
        }
        return y;
    }

    /**
     * Draws a stratified bootstrap resample: {@link #positives()} draws with replacement among the
     * positives and {@link #negatives()} among the negatives, as multiplicities per position.
     *
     * @param weights scratch of length ≥ {@link #size()}; overwritten
     */
    void resample(SplittableRandom random, int[] weights) {
        int n = score.length;
        Arrays.fill(weights, 0, n, 0);
        int p = positivePositions.length;
        for (int k = 0; k < p; k++) {
            weights[positivePositions[random.nextInt(p)]]++;
        }
        int q = negativePositions.length;
        for (int k = 0; k < q; k++) {
            weights[negativePositions[random.nextInt(q)]]++;
        }
    }

    /**
     * Every {@link Metric} in one pass. Cases with weight 0 are absent; ties in score count one half
     * in the AUC. ECE uses equal-mass bins by rank: a case falls in bin ⌊K · (weight of the cases
     * before it) / total⌋ (computed without division).
     *
     * @param weights multiplicity per position, or null for each case once
     * @param bins    K ≥ 1
     * @param out     length ≥ {@link #METRICS}; receives the metrics in {@link Metric} order, NaN where undefined
     * @param scratch length ≥ 3·K; overwritten
     */
    void evaluate(int[] weights, int bins, double[] out, double[] scratch) {
        int n = score.length;
        Arrays.fill(scratch, 0, 3 * bins, 0.0);
        long total = n;
        long negBelow = 0;
        long posBlock = 0;
        long negBlock = 0;
        double aucNumerator = 0;
        long tp = 0;
        long fp = 0;
        long cum = 0;
        double brier = 0;
        int bin = 0;
        // first cumulative weight that belongs to bin+1: ceil((bin+1)·total/bins); avoids a division per case
        long nextBoundary = ((long) (bin + 1) * total + bins - 1) / bins;
        // branch-free arithmetic in the loop: truth is unpredictable, so no if on it
        for (int j = 0; j < n; j++) {
            int w = weights == null ? 1 : weights[j];
            int y = label[j];
            double s = score[j];
            while (cum >= nextBoundary && bin < bins - 1) {
                bin++;
                nextBoundary = ((long) (bin + 1) * total + bins - 1) / bins;
            }
            cum += w;
            long wp = (long) w * y;
            long wn = w - wp;
            posBlock += wp;
            negBlock += wn;
            int above = j >= cut ? 1 : 0;
            tp += wp * above;
            fp += wn * above;
            double d = s - y;
            brier += w * d * d;
            scratch[3 * bin + 1] += w * s;
            scratch[3 * bin + 2] += wp;
            if (tieEnd[j]) {
                aucNumerator += posBlock * (negBelow + 0.5 * negBlock);
                negBelow += negBlock;
                posBlock = 0;
                negBlock = 0;
            }
        }
        long pos = positivePositions.length;
        long neg = negativePositions.length;
        long fn = pos - tp;
        long tn = neg - fp;
        out[Metric.AUC.ordinal()] = pos == 0 || neg == 0 ? Double.NaN : aucNumerator / ((double) pos * neg);
        out[Metric.TPR.ordinal()] = ratio(tp, pos);
        out[Metric.FNR.ordinal()] = ratio(fn, pos);
        out[Metric.FPR.ordinal()] = ratio(fp, neg);
        out[Metric.TNR.ordinal()] = ratio(tn, neg);
        out[Metric.PPV.ordinal()] = ratio(tp, tp + fp);
        out[Metric.NPV.ordinal()] = ratio(tn, tn + fn);
        out[Metric.F1.ordinal()] = pos == 0 ? Double.NaN : ratio(2 * tp, 2 * tp + fp + fn);
        out[Metric.SELECTION_RATE.ordinal()] = ratio(tp + fp, total);
        out[Metric.BRIER.ordinal()] = total == 0 ? Double.NaN : brier / total;
        double ece = 0;
        for (int k = 0; k < bins; k++) {
            ece += Math.abs(scratch[3 * k + 2] - scratch[3 * k + 1]);
        }
        out[Metric.ECE.ordinal()] = total == 0 ? Double.NaN : ece / total;
    }

    /** The confusion counts at the threshold (each case once): {tp, fp, tn, fn}. */
    long[] confusion() {
        long tp = 0;
        long fp = 0;
        for (int j = cut; j < score.length; j++) {
            if (positive[j]) {
                tp++;
            } else {
                fp++;
            }
        }
        return new long[] {tp, fp, negatives() - fp, positives() - tp};
    }

    /** Equal-mass reliability bins (each case once); empty bins (n &lt; K) are left out. */
    List<ReliabilityBin> reliability(int bins) {
        int n = score.length;
        List<ReliabilityBin> out = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < bins && start < n; k++) {
            int end = (int) ((long) (k + 1) * n / bins);
            if (end > start) {
                double s = 0;
                int y = 0;
                for (int j = start; j < end; j++) {
                    s += score[j];
                    y += positive[j] ? 1 : 0;
                }
                out.add(new ReliabilityBin(s / (end - start), (double) y / (end - start), end - start));
            }
            start = end;
        }
        return out;
    }

    /**
     * The ROC curve from the highest threshold down: (0, 0) at +∞, then one point per distinct
     * score, ending at (1, 1); thinned to at most {@code maxPoints} (first and last kept). Empty
     * when the subgroup lacks positives or negatives.
     */
    List<RocPoint> roc(int maxPoints) {
        int pos = positives();
        int neg = negatives();
        List<RocPoint> all = new ArrayList<>();
        if (pos == 0 || neg == 0) {
            return all;
        }
        all.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
        long tp = 0;
        long fp = 0;
        for (int j = score.length - 1; j >= 0; j--) {
            if (positive[j]) {
                tp++;
            } else {
                fp++;
            }
            if (j == 0 || score[j - 1] != score[j]) {
                all.add(new RocPoint(score[j], (double) fp / neg, (double) tp / pos));
            }
        }
        if (all.size() <= maxPoints) {
            return all;
        }
        List<RocPoint> thin = new ArrayList<>(maxPoints);
        for (int i = 0; i < maxPoints; i++) {
            thin.add(all.get((int) Math.round((double) i * (all.size() - 1) / (maxPoints - 1))));
        }
        return thin;
    }

    /** Cohort indices of the cases, ascending score. */
    int[] cases() {
        return cases.clone();
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
