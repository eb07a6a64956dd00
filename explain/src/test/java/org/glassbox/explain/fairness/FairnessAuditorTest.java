package org.glassbox.explain.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class FairnessAuditorTest {
    private static final Grouping SEX = Grouping.of("sex");

    private static AuditCohort small(String[] sex, double[] scores, byte[] truth) {
        String[] ids = new String[scores.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "c" + i;
        }
        return AuditCohort.of(ids, Map.of("x", scores), Map.of("x", truth), Map.of("sex", sex));
    }

    @Test
    void injectedGapLikeDemoV1IsFlagged() {
        // shape of the synthetic cohort's consolidation label under demo v1: AUC F 0.68 vs M 0.82
        AuditCohort cohort = SyntheticCohorts.binormal(7, "consolidation", new String[] {"F", "M"}, new int[] {600, 600},
                new double[] {0.3, 0.3}, new double[] {0.68, 0.82});
        FairnessSettings settings = FairnessSettings.defaults(List.of(SEX)).withBootstrap(500, 11);
        GroupingResult bySex = new FairnessAuditor().audit(cohort, settings).label("consolidation").grouping("sex");
        assertThat(bySex.reference()).isEqualTo("F"); // equal sizes: first by name
        Disparity aucGap = bySex.disparities().stream().filter(d -> d.metric() == Metric.AUC).findFirst().orElseThrow();
        assertThat(aucGap.subgroup()).isEqualTo("M");
        assertThat(aucGap.gap().value()).isGreaterThan(0.08);
        assertThat(aucGap.gap().ciExcludes(0)).isTrue();
        assertThat(aucGap.pHolm()).isLessThan(0.05);
        // the AUC ratio (≈1.2) alone stays inside [0.8, 1.25]; the gap shows at the operating point
        assertThat(bySex.flagged()).extracting(Disparity::metric).containsAnyOf(Metric.FNR, Metric.TPR, Metric.FPR);

        FairnessSettings refM = settings.withReferenceGroups(Map.of("sex", "M"));
        GroupingResult againstM = new FairnessAuditor().audit(cohort, refM).label("consolidation").grouping("sex");
        assertThat(againstM.reference()).isEqualTo("M");
        assertThat(againstM.flagged()).isNotEmpty();
        assertThat(againstM.flagged()).allMatch(d -> d.subgroup().equals("F"));
    }

    @Test
    void noGapIsNotFlagged() {
        AuditCohort cohort = SyntheticCohorts.binormal(8, "x", new String[] {"F", "M"}, new int[] {800, 700},
                new double[] {0.3, 0.3}, new double[] {0.8, 0.8});
        GroupingResult bySex = new FairnessAuditor().audit(cohort, FairnessSettings.defaults(List.of(SEX)).withBootstrap(400, 3))
                .label("x").grouping("sex");
        assertThat(bySex.reference()).isEqualTo("F");
        assertThat(bySex.flagged()).isEmpty();
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        AuditCohort cohort = SyntheticCohorts.binormal(9, "x", new String[] {"A", "B", "C"}, new int[] {300, 200, 100},
                new double[] {0.2, 0.4, 0.1}, new double[] {0.7, 0.8, 0.9});
        FairnessSettings settings = FairnessSettings.defaults(List.of(SEX)).withBootstrap(300, 42);
        FairnessAudit one = new FairnessAuditor(new ForkJoinPool(1)).audit(cohort, settings);
        FairnessAudit three = new FairnessAuditor(new ForkJoinPool(3)).audit(cohort, settings);
        assertThat(three).isEqualTo(one);
        FairnessAudit otherSeed = new FairnessAuditor(new ForkJoinPool(1)).audit(cohort, settings.withBootstrap(300, 43));
        assertThat(otherSeed.label("x").overall().metric(Metric.AUC).ciLower())
                .isNotEqualTo(one.label("x").overall().metric(Metric.AUC).ciLower());
    }

    @Test
    void subgroupWithoutPositivesOrNegativesIsNaNWithAReason() {
        String[] sex = {"F", "F", "F", "M", "M", "M", "M"};
        double[] s = {0.2, 0.6, 0.9, 0.1, 0.3, 0.7, 0.8};
        byte[] t = {0, 0, 0, 1, 1, 1, 0};
        FairnessAudit audit = new FairnessAuditor().audit(small(sex, s, t),
                FairnessSettings.defaults(List.of(SEX)).withThreshold(new ThresholdRule.Fixed(0.5)).withBootstrap(50, 1));
        GroupingResult g = audit.label("x").grouping("sex");
        SubgroupResult f = g.subgroup("F");
        for (Metric m : List.of(Metric.AUC, Metric.TPR, Metric.FNR, Metric.F1)) {
            assertThat(f.metric(m).value()).as(m.key()).isNaN();
            assertThat(f.metric(m).warning()).as(m.key()).contains("no positives");
        }
        assertThat(f.aucDeLong().value()).isNaN();
        assertThat(f.metric(Metric.FPR).value()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(f.metric(Metric.PPV).value()).isEqualTo(0.0); // 2 positive decisions, none right: a true 0
        assertThat(f.warnings()).contains("no positives in subgroup");
        assertThat(g.subgroup("M").metric(Metric.TPR).warning()).contains("only 3 positives");
        Disparity aucGap = g.disparities().stream().filter(d -> d.metric() == Metric.AUC).findFirst().orElseThrow();
        assertThat(aucGap.gap().value()).isNaN();
        assertThat(aucGap.gap().warning()).contains("no positives");
        assertThat(aucGap.flagged()).isFalse();
        assertThat(g.equalizedOddsDifference().value()).isNaN();
    }

    @Test
    void allTiedScoresAndSingleCases() {
        double[] s = {0.4, 0.4, 0.4, 0.4};
        byte[] t = {1, 0, 1, 0};
        SubgroupResult all = new FairnessAuditor().audit(small(new String[] {"F", "F", "M", "M"}, s, t),
                FairnessSettings.defaults(List.of(SEX)).withBootstrap(20, 1)).label("x").overall();
        assertThat(all.metric(Metric.AUC).value()).isEqualTo(0.5);
        assertThat(all.aucDeLong().ciLower()).isEqualTo(0.5);
        assertThat(all.metric(Metric.TPR).value()).isEqualTo(1.0); // Youden: the only threshold, 0.4, decides all positive

        FairnessAudit one = new FairnessAuditor().audit(small(new String[] {"F"}, new double[] {0.7}, new byte[] {1}),
                FairnessSettings.defaults(List.of(SEX)).withThreshold(new ThresholdRule.Fixed(0.5)).withBootstrap(20, 1));
        SubgroupResult single = one.label("x").grouping("sex").subgroup("F");
        assertThat(single.n()).isEqualTo(1);
        assertThat(single.metric(Metric.TPR).value()).isEqualTo(1.0);
        assertThat(single.metric(Metric.AUC).warning()).contains("no negatives");
        assertThat(single.metric(Metric.FPR).warning()).contains("no negatives");
        assertThat(one.label("x").grouping("sex").disparities()).isEmpty();
    }

    @Test
    void calibrationAndRepresentationByHand() {
        // 4 cases, 2 equal-mass bins: {0.1 (y0), 0.3 (y1)} and {0.6 (y0), 0.8 (y1)}
        // ECE = (|1 − 0.4| + |1 − 1.4|) / 4 = 0.25; Brier = (0.01 + 0.49 + 0.36 + 0.04) / 4 = 0.225
        double[] s = {0.6, 0.1, 0.8, 0.3};
        byte[] t = {0, 0, 1, 1};
        FairnessSettings settings = FairnessSettings.defaults(List.of(SEX)).withCalibrationBins(2).withBootstrap(0, 1)
                .withThreshold(new ThresholdRule.Fixed(0.5));
        LabelAudit audit = new FairnessAuditor().audit(small(new String[] {"F", "F", "F", "M"}, s, t), settings).label("x");
        assertThat(audit.overall().metric(Metric.ECE).value()).isCloseTo(0.25, within(1e-15));
        assertThat(audit.overall().metric(Metric.BRIER).value()).isCloseTo(0.225, within(1e-15));
        assertThat(audit.overall().reliability()).containsExactly(new ReliabilityBin(0.2, 0.5, 2), new ReliabilityBin(0.7, 0.5, 2));
        assertThat(audit.overall().roc()).first().isEqualTo(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
        assertThat(audit.overall().roc()).last().isEqualTo(new RocPoint(0.1, 1, 1));
        Representation r = audit.grouping("sex").representation();
        assertThat(r.counts()).containsEntry("F", 3).containsEntry("M", 1);
        assertThat(r.gini()).isCloseTo(0.25, within(1e-15));
        assertThat(r.shannon()).isCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), within(1e-15));
    }

    @Test
    void thresholdRules() {
        // ascending: 0.1 n, 0.2 p, 0.3 n, 0.5 p, 0.7 p, 0.9 n
        double[] s = {0.5, 0.1, 0.9, 0.2, 0.7, 0.3};
        byte[] t = {1, 0, 0, 1, 1, 0};
        AuditCohort c = small(new String[] {"F", "F", "F", "M", "M", "M"}, s, t);
        FairnessSettings base = FairnessSettings.defaults(List.of()).withBootstrap(0, 1);
        // Youden: J(0.5) = 2/3 − 1/3 = 1/3, J(0.2) = 1 − 2/3 = 1/3 → the higher, 0.5
        assertThat(new FairnessAuditor().audit(c, base).label("x").threshold()).isEqualTo(0.5);
        assertThat(new FairnessAuditor().audit(c, base.withThreshold(ThresholdRule.parse("sens:0.9"))).label("x").threshold()).isEqualTo(0.2);
        assertThat(new FairnessAuditor().audit(c, base.withThreshold(ThresholdRule.parse("sens:0.6"))).label("x").threshold()).isEqualTo(0.5);
        assertThatThrownBy(() -> ThresholdRule.parse("high")).hasMessageContaining("'high'");
        assertThatThrownBy(() -> new FairnessAuditor().audit(c, base.withLabels(List.of("y")))).hasMessageContaining("unknown label 'y'");
        assertThatThrownBy(() -> new FairnessAuditor().audit(c, FairnessSettings.defaults(List.of(Grouping.of("site")))))
                .hasMessageContaining("unknown attribute 'site'");
        assertThatThrownBy(() -> new FairnessAuditor().audit(c, FairnessSettings.defaults(List.of(SEX)).withReferenceGroups(Map.of("sex", "X"))))
                .hasMessageContaining("reference subgroup 'X'");
    }

    @Test
    void intersectionsNameSubgroupsAndSkipUnknowns() {
        String[] ids = {"a", "b", "c", "d"};
        AuditCohort c = AuditCohort.of(ids, Map.of("x", new double[] {0.1, 0.9, 0.4, 0.6}), Map.of("x", new byte[] {0, 1, 0, 1}),
                Map.of("sex", new String[] {"F", "F", "M", null}, "age_band", new String[] {"40-59", "40-59", "60+", "60+"}));
        GroupingResult g = new FairnessAuditor().audit(c, FairnessSettings.defaults(List.of(Grouping.parse("sex*age_band"))).withBootstrap(10, 1))
                .label("x").grouping("sex × age_band");
        assertThat(g.subgroups()).extracting(SubgroupResult::name).containsExactly("F × 40-59", "M × 60+");
        assertThat(g.representation().unknown()).isEqualTo(1);
    }
}
