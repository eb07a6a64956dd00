package org.glassbox.explain.compare;

/**
 * Two models compared within one subgroup (or the whole cohort: grouping and subgroup "all").
 *
 * @param grouping  grouping name ("sex", "sex × age_band") or "all"
 * @param subgroup  subgroup name or "all"
 * @param auc       ΔAUC with the paired DeLong test
 * @param mcNemar   McNemar at each model's threshold
 * @param kappa     Cohen's kappa of the two models' decisions (all cases with both scores; truth
 *                  not needed); NaN when both models decide every case the same single way
 * @param decisions cases with both scores (kappa's n)
 */
public record SubgroupComparison(String grouping, String subgroup, PairedAuc auc, McNemarTest mcNemar, double kappa, int decisions) {
}
