package org.glassbox.explain.fairness;

import java.util.List;
import java.util.Map;

/**
 * The statistics of one label in one subgroup (or the whole cohort, named {@value #OVERALL}).
 *
 * @param name         subgroup name: the attribute value(s), e.g. "F" or "F × 40-59"
 * @param n            cases with a score and known truth
 * @param positives    of which positive
 * @param prevalence   positives / n (no CI: the truth-stratified bootstrap holds it fixed)
 * @param aucDeLong    AUC with the DeLong (1988) asymptotic CI (fast algorithm, Sun &amp; Xu 2014),
 *                     clipped to [0, 1] as pROC does
 * @param metrics      every {@link Metric} with its stratified percentile-bootstrap CI (the AUC
 *                     entry has the bootstrap CI)
 * @param roc          ROC curve for plotting (at most the settings' rocPoints points)
 * @param reliability  equal-mass reliability curve (empty where n is 0)
 * @param warnings     subgroup-level warnings (few positives, no positives, no negatives)
 */
public record SubgroupResult(String name, int n, int positives, Estimate prevalence, Estimate aucDeLong,
                             Map<Metric, Estimate> metrics, List<RocPoint> roc, List<ReliabilityBin> reliability,
                             List<String> warnings) {
    public static final String OVERALL = "all";

    public SubgroupResult {
        metrics = Map.copyOf(metrics);
        roc = List.copyOf(roc);
        reliability = List.copyOf(reliability);
        warnings = List.copyOf(warnings);
    }

    public int negatives() {
        return n - positives;
    }

    public Estimate metric(Metric m) {
        return metrics.get(m);
    }
}
