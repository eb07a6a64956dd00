package org.glassbox.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessAuditor;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.junit.jupiter.api.Test;

class AuditDocumentTest {
    @Test
    void anEstimateIsValueCiNAndWarningWithNaNAsNull() {
        Map<String, Object> e = AuditDocument.estimate(new Estimate(0.8, 0.7, 0.9, 40, null));
        assertThat(e.keySet()).containsExactly("value", "ci", "n", "warning");
        assertThat(e.get("value")).isEqualTo(0.8);
        assertThat(e.get("ci")).isEqualTo(Arrays.asList(0.7, 0.9));
        assertThat(e.get("n")).isEqualTo(40);
        assertThat(e.get("warning")).isNull();
        Map<String, Object> undefined = AuditDocument.estimate(Estimate.undefined(12, "no positives in subgroup"));
        assertThat(undefined.get("value")).isNull();
        assertThat(undefined.get("ci")).isNull();
        assertThat(undefined.get("warning")).isEqualTo("no positives in subgroup");
        assertThat(AuditDocument.estimate(new Estimate(Double.NaN, Double.NaN, Double.NaN, 3, null)).get("warning")).isEqualTo("undefined");
    }

    @Test
    void aSubgroupWithoutPositivesHasNullAucWithTheReason() {
        AuditCohort.Builder b = AuditCohort.builder();
        for (int i = 0; i < 60; i++) {
            boolean groupA = i < 40;
            byte t = (byte) (groupA && i % 2 == 0 ? 1 : 0); // group B has no positives
            b.add("c" + i, Map.of("x", (i % 7) / 7.0), Map.of("x", t), Map.of("g", groupA ? "A" : "B"));
        }
        AuditCohort c = b.build();
        FairnessAudit audit = new FairnessAuditor().audit(c, FairnessSettings.defaults(List.of(Grouping.of("g"))).withBootstrap(20, 1));
        Map<String, Object> doc = AuditDocument.audit(audit, new LoadedCohort(c, "test", List.of(), Map.of()), Map.of(), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> auc = (Map<String, Object>) at(doc, "labels", 0, "groupings", 0, "subgroups", "B", "metrics", "auc");
        assertThat(auc.get("value")).isNull();
        assertThat((String) auc.get("warning")).isNotBlank();
        assertThat(auc.get("n")).isEqualTo(20);
        assertThat(at(doc, "settings", "threshold", "rule")).isEqualTo("youden");
        assertThat(at(doc, "settings", "seed")).isEqualTo(1L);
        assertThat(at(doc, "cohort", "cases")).isEqualTo(60);
        assertThat((List<?>) doc.get("warnings")).isNotEmpty();
    }

    /** Walks maps by key and lists by index. */
    static Object at(Object node, Object... path) {
        for (Object p : path) {
            node = p instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(p);
        }
        return node;
    }
}
