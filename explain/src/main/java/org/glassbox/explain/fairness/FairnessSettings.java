package org.glassbox.explain.fairness;

import java.util.List;
import java.util.Map;

/**
 * What an audit computes and how.
 *
 * @param labels             labels to audit; empty = every label of the cohort
 * @param groupings          single attributes and intersections; may be empty (overall only)
 * @param threshold          how each label's decision threshold is chosen (on the whole cohort)
 * @param bootstrapResamples stratified bootstrap resamples (≥ 0; 0 = no bootstrap CIs); default 2,000
 * @param seed               seed of the bootstrap; results do not depend on the thread count
 * @param minPositives       fewer positives than this in a subgroup → a warning (default 30)
 * @param confidenceLevel    of every interval, in (0, 1) (default 0.95)
 * @param calibrationBins    equal-mass bins of ECE and the reliability curve (≥ 1; default 10)
 * @param referenceGroups    grouping name → subgroup name used as reference; groupings not named
 *                           use their largest subgroup (most cases; ties → first by name)
 * @param ratioLow           lower end of the tolerated ratio band (default 0.8): a disparity is
 *                           flagged when its ratio leaves [ratioLow, ratioHigh] and its CI excludes 1
 * @param ratioHigh          upper end (default 1.25)
 * @param rocPoints          at most this many points per ROC curve (for plotting; ≥ 2; default 200)
 */
public record FairnessSettings(List<String> labels, List<Grouping> groupings, ThresholdRule threshold,
                               int bootstrapResamples, long seed, int minPositives, double confidenceLevel,
                               int calibrationBins, Map<String, String> referenceGroups,
                               double ratioLow, double ratioHigh, int rocPoints) {
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final long DEFAULT_SEED = 20240521L;

    public FairnessSettings {
        labels = List.copyOf(labels);
        groupings = List.copyOf(groupings);
        referenceGroups = Map.copyOf(referenceGroups);
        if (threshold == null) {
            throw new IllegalArgumentException("a threshold rule is required");
        }
        if (bootstrapResamples < 0) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 0, not " + bootstrapResamples);
        }
        if (minPositives < 0) {
            throw new IllegalArgumentException("minimum positives must be >= 0, not " + minPositives);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level " + confidenceLevel + " is outside (0, 1)");
        }
        if (calibrationBins < 1) {
            throw new IllegalArgumentException("calibration bins must be >= 1, not " + calibrationBins);
        }
        if (!(ratioLow > 0 && ratioLow < 1 && ratioHigh > 1)) {
            throw new IllegalArgumentException("ratio band [" + ratioLow + ", " + ratioHigh + "] must contain 1");
        }
        if (rocPoints < 2) {
            throw new IllegalArgumentException("ROC points must be >= 2, not " + rocPoints);
        }
    }

    /** Defaults: all labels, Youden threshold, 2,000 resamples, seed {@value #DEFAULT_SEED}, 30 positives, 95 %, 10 bins, largest reference, [0.8, 1.25]. */
    public static FairnessSettings defaults(List<Grouping> groupings) {
        return new FairnessSettings(List.of(), groupings, new ThresholdRule.Youden(), DEFAULT_RESAMPLES, DEFAULT_SEED, 30, 0.95, 10,
                Map.of(), 0.8, 1.25, 200);
    }

    public FairnessSettings withLabels(List<String> l) {
        return new FairnessSettings(l, groupings, threshold, bootstrapResamples, seed, minPositives, confidenceLevel, calibrationBins,
                referenceGroups, ratioLow, ratioHigh, rocPoints);
    }

    public FairnessSettings withThreshold(ThresholdRule t) {
        return new FairnessSettings(labels, groupings, t, bootstrapResamples, seed, minPositives, confidenceLevel, calibrationBins,
                referenceGroups, ratioLow, ratioHigh, rocPoints);
    }

    public FairnessSettings withBootstrap(int resamples, long s) {
        return new FairnessSettings(labels, groupings, threshold, resamples, s, minPositives, confidenceLevel, calibrationBins,
                referenceGroups, ratioLow, ratioHigh, rocPoints);
    }

    public FairnessSettings withMinPositives(int m) {
        return new FairnessSettings(labels, groupings, threshold, bootstrapResamples, seed, m, confidenceLevel, calibrationBins,
                referenceGroups, ratioLow, ratioHigh, rocPoints);
    }

    public FairnessSettings withConfidenceLevel(double c) {
        return new FairnessSettings(labels, groupings, threshold, bootstrapResamples, seed, minPositives, c, calibrationBins,
                referenceGroups, ratioLow, ratioHigh, rocPoints);
    }

    public FairnessSettings withCalibrationBins(int bins) {
        return new FairnessSettings(labels, groupings, threshold, bootstrapResamples, seed, minPositives, confidenceLevel, bins,
                referenceGroups, ratioLow, ratioHigh, rocPoints);
    }

    public FairnessSettings withReferenceGroups(Map<String, String> refs) {
        return new FairnessSettings(labels, groupings, threshold, bootstrapResamples, seed, minPositives, confidenceLevel, calibrationBins,
                refs, ratioLow, ratioHigh, rocPoints);
    }
}
