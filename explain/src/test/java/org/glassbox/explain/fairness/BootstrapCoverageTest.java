package org.glassbox.explain.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The stratified percentile bootstrap covers the true AUC and TPR about 95 % of the time: 300
 * cohorts from a known binormal model (true AUC Φ(μ/√2) = 0.80; true TPR at a fixed threshold
 * 1 − Φ(t − μ)). With 300 cohorts the standard error of a 95 % coverage is 1.3 %, so the band
 * 0.92–0.98 is ±2.4 SE. Fixed seeds: deterministic.
 */
class BootstrapCoverageTest {
    @Test
    void coversTheTrueAucAndTpr() {
        double trueAuc = 0.80;
        double mu = SyntheticCohorts.separationFor(trueAuc);
        double latentThreshold = 1.0;
        double threshold = 1 / (1 + Math.exp(-(latentThreshold - 1)));
        double trueTpr = NormalDistribution.of(0, 1).survivalProbability(latentThreshold - mu);
        FairnessSettings settings = FairnessSettings.defaults(List.of()).withThreshold(new ThresholdRule.Fixed(threshold))
                .withBootstrap(400, 5);
        FairnessAuditor auditor = new FairnessAuditor(new ForkJoinPool(2));
        int cohorts = 300;
        int aucCovered = 0;
        int tprCovered = 0;
        int delongCovered = 0;
        for (int k = 0; k < cohorts; k++) {
            AuditCohort c = SyntheticCohorts.binormal(1000 + k, "x", new String[] {"all"}, new int[] {300}, new double[] {0.4},
                    new double[] {trueAuc});
            SubgroupResult all = auditor.audit(c, settings.withBootstrap(400, k)).label("x").overall();
            aucCovered += covers(all.metric(Metric.AUC), trueAuc) ? 1 : 0;
            tprCovered += covers(all.metric(Metric.TPR), trueTpr) ? 1 : 0;
            delongCovered += covers(all.aucDeLong(), trueAuc) ? 1 : 0;
        }
        assertThat((double) aucCovered / cohorts).as("bootstrap AUC coverage").isBetween(0.92, 0.98);
        assertThat((double) tprCovered / cohorts).as("bootstrap TPR coverage").isBetween(0.92, 0.98);
        assertThat((double) delongCovered / cohorts).as("DeLong AUC coverage").isBetween(0.92, 0.98);
    }

    private static boolean covers(Estimate e, double truth) {
        return e.ciLower() <= truth && truth <= e.ciUpper();
    }
}
