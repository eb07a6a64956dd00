package org.glassbox.explain.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.glassbox.explain.compare.ModelComparer;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.stats.ReferenceFixtures;
import org.junit.jupiter.api.Test;

/** Threshold metrics, Brier, AUC, Youden threshold and kappa against scikit-learn (sklearn-reference.csv). */
class SklearnReferenceTest {
    private static final double TOL = 1e-12;

    private static FairnessSettings settings(ThresholdRule rule) {
        return FairnessSettings.defaults(List.of()).withThreshold(rule).withBootstrap(0, 1).withLabels(List.of("a"));
    }

    @Test
    void thresholdMetricsBrierAndAucMatch() {
        List<Map<String, String>> ref = ReferenceFixtures.read("sklearn-reference.csv");
        assertThat(ref).hasSize(12);
        FairnessAuditor auditor = new FairnessAuditor(new ForkJoinPool(1));
        for (Map<String, String> r : ref) {
            String where = r.get("dataset") + " @" + r.get("threshold");
            double t = Double.parseDouble(r.get("threshold"));
            SubgroupResult all = auditor.audit(ReferenceFixtures.cases(r.get("dataset")), settings(new ThresholdRule.Fixed(t)))
                    .label("a").overall();
            check(where + " tpr", all.metric(Metric.TPR), r.get("tpr"));
            check(where + " fpr", all.metric(Metric.FPR), r.get("fpr"));
            check(where + " tnr", all.metric(Metric.TNR), r.get("tnr"));
            check(where + " ppv", all.metric(Metric.PPV), r.get("ppv"));
            check(where + " npv", all.metric(Metric.NPV), r.get("npv"));
            check(where + " f1", all.metric(Metric.F1), r.get("f1"));
            check(where + " brier", all.metric(Metric.BRIER), r.get("brier"));
            check(where + " auc", all.metric(Metric.AUC), r.get("auc"));
            assertThat(all.metric(Metric.FNR).value()).isCloseTo(1 - all.metric(Metric.TPR).value(), within(TOL));
        }
    }

    @Test
    void youdenThresholdMatchesArgmaxOfRocCurve() {
        FairnessAuditor auditor = new FairnessAuditor(new ForkJoinPool(1));
        for (Map<String, String> r : ReferenceFixtures.read("sklearn-reference.csv")) {
            double chosen = auditor.audit(ReferenceFixtures.cases(r.get("dataset")), settings(new ThresholdRule.Youden())).label("a").threshold();
            assertThat(chosen).as(r.get("dataset")).isEqualTo(ReferenceFixtures.number(r.get("youden_threshold")));
        }
    }

    @Test
    void kappaOfDecisionsMatches() {
        for (Map<String, String> r : ReferenceFixtures.read("sklearn-reference.csv")) {
            double t = Double.parseDouble(r.get("threshold"));
            AuditCohort[] ab = ReferenceFixtures.pairedCases(r.get("dataset"));
            ModelComparison c = new ModelComparer().compare(ab[0], ab[1],
                    FairnessSettings.defaults(List.of()).withThreshold(new ThresholdRule.Fixed(t)));
            double expected = ReferenceFixtures.number(r.get("kappa"));
            double kappa = c.labels().get(0).overall().kappa();
            if (Double.isNaN(expected)) {
                assertThat(kappa).isNaN();
            } else {
                assertThat(kappa).as(r.get("dataset") + " @" + t).isCloseTo(expected, within(TOL));
            }
        }
    }

    private static void check(String what, Estimate e, String expected) {
        double x = ReferenceFixtures.number(expected);
        if (Double.isNaN(x)) {
            assertThat(e.value()).as(what).isNaN();
            assertThat(e.warning()).as(what + " reason").isNotBlank();
        } else {
            assertThat(e.value()).as(what).isCloseTo(x, within(TOL));
        }
    }
}
