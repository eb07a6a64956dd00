package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessAuditor;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.GroupingResult;
import org.glassbox.explain.fairness.LabelAudit;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;
import org.glassbox.explain.fairness.ThresholdRule;
import org.junit.jupiter.api.Test;

class SubgroupCasesTest {
    static final String L = SyntheticAuditCohort.LABEL;
    final SyntheticAuditCohort data = new SyntheticAuditCohort(160, 7);
    final SubgroupCases cases = new SubgroupCases(data.cohort());

    /** The expected ids, filtered from the generated cases directly (not through the cohort). */
    private List<String> expected(Predicate<SyntheticAuditCohort.Case> p) {
        return data.cases().stream().filter(c -> !Double.isNaN(c.score())).filter(p).map(SyntheticAuditCohort.Case::uid).toList();
    }

    @Test
    void aTinyHandMadeCohortGivesTheCasesOfEachSet() {
        AuditCohort tiny = AuditCohort.builder()
                .add("a", Map.of(L, 0.9), Map.of(L, (byte) 1), Map.of("sex", "F"))
                .add("b", Map.of(L, 0.2), Map.of(L, (byte) 1), Map.of("sex", "F"))
                .add("c", Map.of(L, 0.7), Map.of(L, (byte) 0), Map.of("sex", "F"))
                .add("d", Map.of(L, 0.1), Map.of(L, (byte) 0), Map.of("sex", "F"))
                .add("e", Map.of(L, 0.5), Map.of(L, (byte) 1), Map.of("sex", "M"))
                .add("f", Map.of(L, 0.6), Map.of(L, (byte) -1), Map.of("sex", "F"))
                .build();
        SubgroupCases s = new SubgroupCases(tiny);
        Grouping sex = Grouping.of("sex");
        assertThat(s.select(L, 0.5, sex, "F", CaseSet.ALL)).containsExactly("a", "b", "c", "d");
        assertThat(s.select(L, 0.5, sex, "F", CaseSet.POSITIVES)).containsExactly("a", "b");
        assertThat(s.select(L, 0.5, sex, "F", CaseSet.NEGATIVES)).containsExactly("c", "d");
        assertThat(s.select(L, 0.5, sex, "F", CaseSet.FALSE_NEGATIVES)).containsExactly("b");
        assertThat(s.select(L, 0.5, sex, "F", CaseSet.FALSE_POSITIVES)).containsExactly("c");
        assertThat(s.select(L, 0.5, sex, "F", CaseSet.POSITIVE_DECISIONS)).containsExactly("a", "c");
        assertThat(s.select(L, 0.5, sex, "F", CaseSet.NEGATIVE_DECISIONS)).containsExactly("b", "d");
        // score >= threshold decides positive, as the auditor does
        assertThat(s.select(L, 0.5, sex, "M", CaseSet.POSITIVE_DECISIONS)).containsExactly("e");
        assertThat(s.select(L, 0.5, null, null, CaseSet.ALL)).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void subgroupsAndIntersectionsMatchTheGeneratedCases() {
        Grouping sexSite = Grouping.parse("sex*site");
        assertThat(cases.select(L, 0.5, Grouping.of("sex"), "F", CaseSet.ALL)).isEqualTo(expected(c -> "F".equals(c.sex())))
                .isNotEmpty();
        assertThat(cases.select(L, 0.5, sexSite, "M" + Grouping.CROSS + "B", CaseSet.POSITIVES))
                .isEqualTo(expected(c -> "M".equals(c.sex()) && c.site().equals("B") && c.positive())).isNotEmpty();
        assertThat(cases.select(L, 0.4, Grouping.of("site"), "C", CaseSet.FALSE_POSITIVES))
                .isEqualTo(expected(c -> c.site().equals("C") && !c.positive() && c.score() >= 0.4)).isNotEmpty();
        // the case with unknown sex is in no sex subgroup but in the whole cohort; the case without a score in none
        String unknownSex = data.cases().get(0).uid();
        String noScore = data.cases().get(1).uid();
        assertThat(cases.select(L, 0.5, null, null, CaseSet.ALL)).contains(unknownSex).doesNotContain(noScore).hasSize(159);
        assertThat(cases.select(L, 0.5, Grouping.of("sex"), "F", CaseSet.ALL)).doesNotContain(unknownSex);
        assertThat(cases.select(L, 0.5, Grouping.of("sex"), "M", CaseSet.ALL)).doesNotContain(unknownSex);
    }

    @Test
    void countsAgreeWithTheAuditorForEverySubgroup() {
        FairnessSettings settings = FairnessSettings.defaults(List.of(Grouping.of("sex"), Grouping.of("site"), Grouping.parse("sex*site")))
                .withThreshold(new ThresholdRule.Youden()).withBootstrap(0, 1);
        FairnessAudit audit = new FairnessAuditor().audit(data.cohort(), settings);
        LabelAudit l = audit.label(L);
        assertThat(cases.select(L, l.threshold(), null, null, CaseSet.ALL)).hasSize(l.overall().n());
        for (GroupingResult g : l.groupings()) {
            for (SubgroupResult s : g.subgroups()) {
                int pos = cases.select(L, l.threshold(), g.grouping(), s.name(), CaseSet.POSITIVES).size();
                int fn = cases.select(L, l.threshold(), g.grouping(), s.name(), CaseSet.FALSE_NEGATIVES).size();
                int fp = cases.select(L, l.threshold(), g.grouping(), s.name(), CaseSet.FALSE_POSITIVES).size();
                assertThat(cases.select(L, l.threshold(), g.grouping(), s.name(), CaseSet.ALL)).as(s.name()).hasSize(s.n());
                assertThat(pos).as(s.name()).isEqualTo(s.positives());
                if (s.positives() > 0) {
                    assertThat((double) fn / pos).as("FNR of " + s.name()).isCloseTo(s.metric(Metric.FNR).value(), org.assertj.core.data.Offset.offset(1e-12));
                }
                if (s.negatives() > 0) {
                    assertThat((double) fp / s.negatives()).as("FPR of " + s.name()).isCloseTo(s.metric(Metric.FPR).value(),
                            org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    @Test
    void eachMetricLeadsToTheCasesBehindIt() {
        assertThat(CaseSet.forMetric(Metric.TPR)).isEqualTo(CaseSet.POSITIVES);
        assertThat(CaseSet.forMetric(Metric.FNR)).isEqualTo(CaseSet.FALSE_NEGATIVES);
        assertThat(CaseSet.forMetric(Metric.FPR)).isEqualTo(CaseSet.FALSE_POSITIVES);
        assertThat(CaseSet.forMetric(Metric.TNR)).isEqualTo(CaseSet.NEGATIVES);
        assertThat(CaseSet.forMetric(Metric.PPV)).isEqualTo(CaseSet.POSITIVE_DECISIONS);
        assertThat(CaseSet.forMetric(Metric.AUC)).isEqualTo(CaseSet.ALL);
    }

    @Test
    void anUnknownLabelIsRefusedByName() {
        assertThatThrownBy(() -> cases.select("nodule", 0.5, null, null, CaseSet.ALL)).hasMessageContaining("nodule");
    }
}
