package org.glassbox.explain.fairness;

/**
 * The per-subgroup metrics of an audit. Threshold metrics use the decision {@code score >= threshold}
 * (scikit-learn's convention). All lie in [0, 1].
 */
public enum Metric {
    /** Area under the ROC curve (Mann–Whitney, ties count one half). CI: stratified bootstrap; the DeLong CI is reported beside it. */
    AUC(true),
    /** Sensitivity TP / P. */
    TPR(true),
    /** Underdiagnosis rate FN / P = 1 − TPR. */
    FNR(false),
    /** FP / N. */
    FPR(false),
    /** Specificity TN / N. */
    TNR(true),
    /** Precision TP / (TP + FP); NaN where the subgroup has no positive decisions. */
    PPV(true),
    /** TN / (TN + FN); NaN where the subgroup has no negative decisions. */
    NPV(true),
    /** 2TP / (2TP + FP + FN). */
    F1(true),
    /** Fraction of cases with a positive decision (demographic parity compares it). */
    SELECTION_RATE(true),
    /** Mean squared error of the score against truth (0 best). */
    BRIER(false),
    /** Expected calibration error over equal-mass bins (0 best). */
    ECE(false);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Lower-case name for JSON and tables ("auc", "tpr", "selection_rate"). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
