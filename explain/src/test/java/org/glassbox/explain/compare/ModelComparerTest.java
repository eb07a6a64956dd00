package org.glassbox.explain.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.ThresholdRule;
import org.glassbox.explain.stats.ReferenceFixtures;
import org.junit.jupiter.api.Test;

class ModelComparerTest {
    private static final FairnessSettings AT_HALF = FairnessSettings.defaults(List.of(Grouping.of("group")))
            .withThreshold(new ThresholdRule.Fixed(0.5));

    @Test
    void pairedDeLongMatchesProcThroughTheComparer() {
        for (Map<String, String> r : ReferenceFixtures.read("delong-reference.csv")) {
            AuditCohort[] ab = ReferenceFixtures.pairedCases(r.get("dataset"));
            PairedAuc auc = new ModelComparer().compare(ab[0], ab[1], AT_HALF).labels().get(0).overall().auc();
            assertThat(auc.aucA()).isCloseTo(ReferenceFixtures.number(r.get("auc_a")), within(1e-9));
            assertThat(auc.aucB()).isCloseTo(ReferenceFixtures.number(r.get("auc_b")), within(1e-9));
            assertThat(auc.z()).isCloseTo(ReferenceFixtures.number(r.get("paired_z")), within(1e-9));
            assertThat(auc.pValue()).isCloseTo(ReferenceFixtures.number(r.get("paired_p")), within(1e-9));
            assertThat(auc.ciLower()).isCloseTo(ReferenceFixtures.number(r.get("paired_lo")), within(1e-9));
        }
    }

    private static final FairnessSettings BY_SEX = FairnessSettings.defaults(List.of(Grouping.of("sex")))
            .withThreshold(new ThresholdRule.Fixed(0.5));
    private static final FairnessSettings OVERALL = FairnessSettings.defaults(List.of()).withThreshold(new ThresholdRule.Fixed(0.5));

    @Test
    void joinsByIdCountsUnpairedAndListsFlipsByScoreChange() {
        AuditCohort a = AuditCohort.builder()
                .add("c1", Map.of("x", 0.9), Map.of("x", (byte) 1), Map.of("sex", "F"))
                .add("c2", Map.of("x", 0.4), Map.of("x", (byte) 1), Map.of("sex", "M"))
                .add("c3", Map.of("x", 0.6), Map.of("x", (byte) 0), Map.of("sex", "F"))
                .add("c4", Map.of("x", 0.2), Map.of("x", (byte) 0), Map.of("sex", "M"))
                .add("only-a", Map.of("x", 0.2), Map.of("x", (byte) 0), Map.of("sex", "M")).build();
        AuditCohort b = AuditCohort.builder()
                .add("c4", Map.of("x", 0.1), Map.of("x", (byte) 0), Map.of())
                .add("c3", Map.of("x", 0.45), Map.of("x", (byte) 0), Map.of())
                .add("c2", Map.of("x", 0.8), Map.of("x", (byte) -1), Map.of())
                .add("c1", Map.of("x", 0.95), Map.of("x", (byte) 1), Map.of()).build();
        ModelComparison c = new ModelComparer().compare(a, b, BY_SEX);
        assertThat(c.paired()).isEqualTo(4);
        assertThat(c.onlyInA()).isEqualTo(1);
        assertThat(c.onlyInB()).isZero();
        LabelComparison l = c.labels().get(0);
        // c2: 0.4 → 0.8 (+0.4) flips to positive; c3: 0.6 → 0.45 (−0.15) flips to negative
        assertThat(l.flips()).extracting(DecisionFlip::caseId).containsExactly("c2", "c3");
        assertThat(l.flips().get(0).scoreChange()).isCloseTo(0.4, within(1e-12));
        // A wrong on c2 and c3, B right on both: 2 discordant, exact test
        McNemarTest mc = l.overall().mcNemar();
        assertThat(mc.onlyBCorrect()).isEqualTo(2);
        assertThat(mc.onlyACorrect()).isZero();
        assertThat(mc.method()).isEqualTo(McNemarTest.EXACT);
        assertThat(mc.pValue()).isCloseTo(0.5, within(1e-12));
        assertThat(l.subgroups()).extracting(SubgroupComparison::subgroup).containsExactly("F", "M");
    }

    @Test
    void manyDiscordantCasesUseTheCorrectedChiSquare() {
        AuditCohort.Builder a = AuditCohort.builder();
        AuditCohort.Builder b = AuditCohort.builder();
        for (int i = 0; i < 60; i++) {
            byte t = (byte) (i % 2);
            a.add("c" + i, Map.of("x", t == 1 ? 0.3 : 0.7), Map.of("x", t), Map.of()); // A always wrong
            b.add("c" + i, Map.of("x", i < 40 ? (t == 1 ? 0.9 : 0.1) : (t == 1 ? 0.3 : 0.7)), Map.of("x", t), Map.of());
        }
        McNemarTest mc = new ModelComparer().compare(a.build(), b.build(), OVERALL).labels().get(0).overall().mcNemar();
        assertThat(mc.discordant()).isEqualTo(40);
        assertThat(mc.method()).isEqualTo(McNemarTest.CHI_SQUARE_CC);
        assertThat(mc.statistic()).isCloseTo(39.0 * 39 / 40, within(1e-12));
    }

    @Test
    void refusesConflictingTruthNamingTheCase() {
        AuditCohort a = AuditCohort.builder().add("c1", Map.of("x", 0.9), Map.of("x", (byte) 1), Map.of()).build();
        AuditCohort b = AuditCohort.builder().add("c1", Map.of("x", 0.9), Map.of("x", (byte) 0), Map.of()).build();
        assertThatThrownBy(() -> new ModelComparer().compare(a, b, OVERALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c1").hasMessageContaining("truth_x");
        AuditCohort other = AuditCohort.builder().add("zz", Map.of("x", 0.9), Map.of("x", (byte) 0), Map.of()).build();
        assertThatThrownBy(() -> new ModelComparer().compare(a, other, OVERALL)).hasMessageContaining("share no case id");
    }
}
