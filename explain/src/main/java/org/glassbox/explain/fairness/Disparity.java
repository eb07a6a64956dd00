package org.glassbox.explain.fairness;

/**
 * One metric of one subgroup against the grouping's reference subgroup.
 *
 * @param subgroup        the compared subgroup
 * @param reference       the reference subgroup
 * @param metric          which metric
 * @param gap             subgroup − reference, with percentile-bootstrap CI
 * @param ratio           subgroup / reference, with percentile-bootstrap CI (NaN with a reason where
 *                        the reference value is 0 or either value is undefined)
 * @param pValue          two-sided p-value of "no difference": for AUC the z-test with the two
 *                        subgroups' DeLong variances (independent samples); for other metrics a
 *                        Wald z-test with the bootstrap standard error of the gap; NaN where undefined
 * @param pHolm           p-value after Holm's step-down correction across every test of the label
 * @param flagged         ratio outside [ratioLow, ratioHigh], its CI excludes 1, and the difference
 *                        survives Holm's correction (pHolm &lt; 1 − confidence level)
 */
public record Disparity(String subgroup, String reference, Metric metric, Estimate gap, Estimate ratio,
                        double pValue, double pHolm, boolean flagged) {
}
