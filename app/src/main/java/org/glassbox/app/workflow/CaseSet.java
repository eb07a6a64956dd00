package org.glassbox.app.workflow;

import org.glassbox.explain.fairness.Metric;

/**
 * Which cases of a subgroup lie behind a number of the fairness table, for a label at its decision
 * threshold (decision positive when {@code score >= threshold}, as the auditor decides). Only cases
 * with a score and a known truth for the label count, as in the audit.
 */
public enum CaseSet {
    ALL("all cases"),
    POSITIVES("positives"),
    NEGATIVES("negatives"),
    FALSE_NEGATIVES("false negatives"),
    FALSE_POSITIVES("false positives"),
    POSITIVE_DECISIONS("positive decisions"),
    NEGATIVE_DECISIONS("negative decisions");

    private final String words;

    CaseSet(String words) {
        this.words = words;
    }

    /** "false negatives": for the worklist banner. */
    public String words() {
        return words;
    }

    /**
     * The cases behind a metric: a rate's denominator, or for an error rate the errors themselves
     * (FNR → false negatives, FPR → false positives: the cases a reader should look at first);
     * metrics of the whole subgroup (AUC, calibration, selection rate) → all its cases.
     */
    public static CaseSet forMetric(Metric m) {
        return switch (m) {
            case TPR -> POSITIVES;
            case FNR -> FALSE_NEGATIVES;
            case TNR -> NEGATIVES;
            case FPR -> FALSE_POSITIVES;
            case PPV -> POSITIVE_DECISIONS;
            case NPV -> NEGATIVE_DECISIONS;
            case AUC, F1, SELECTION_RATE, BRIER, ECE -> ALL;
        };
    }

    /** Whether a case with this truth (positive or not) and decision belongs to the set. */
    boolean contains(boolean positive, boolean decidedPositive) {
        return switch (this) {
            case ALL -> true;
            case POSITIVES -> positive;
            case NEGATIVES -> !positive;
            case FALSE_NEGATIVES -> positive && !decidedPositive;
            case FALSE_POSITIVES -> !positive && decidedPositive;
            case POSITIVE_DECISIONS -> decidedPositive;
            case NEGATIVE_DECISIONS -> !decidedPositive;
        };
    }
}
