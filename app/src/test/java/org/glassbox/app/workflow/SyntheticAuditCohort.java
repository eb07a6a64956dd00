package org.glassbox.app.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.explain.fairness.AuditCohort;

/**
 * A small synthetic audit cohort for dashboard tests, kept case by case so tests can select cases
 * independently of the code under test: sex F/M (one case unknown), site A/B/C, one label
 * "consolidation" whose score separates the truth less well for women, one case without a score.
 */
public final class SyntheticAuditCohort {
    /** One case as generated. */
    public record Case(String uid, String sex, String site, boolean positive, double score) {
    }

    public static final String LABEL = "consolidation";

    private final List<Case> cases = new ArrayList<>();

    public SyntheticAuditCohort(int n, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            String sex = i == 0 ? null : r.nextBoolean() ? "F" : "M";
            String site = List.of("A", "B", "C").get(r.nextInt(3));
            boolean positive = r.nextDouble() < 0.35;
            double separation = "F".equals(sex) ? 0.8 : 2.5;
            double logit = (positive ? separation / 2 : -separation / 2) + r.nextGaussian();
            double score = i == 1 ? Double.NaN : Math.round(1e4 / (1 + Math.exp(-logit))) / 1e4;
            cases.add(new Case("1.2.826.0.1." + (1000 + i), sex, site, positive, score));
        }
    }

    public List<Case> cases() {
        return cases;
    }

    public AuditCohort cohort() {
        AuditCohort.Builder b = AuditCohort.builder().label(LABEL).attributeName("sex").attributeName("site");
        for (Case c : cases) {
            Map<String, String> attributes = new HashMap<>();
            attributes.put("sex", c.sex());
            attributes.put("site", c.site());
            Map<String, Double> scores = new HashMap<>();
            scores.put(LABEL, c.score());
            b.add(c.uid(), scores, Map.of(LABEL, c.positive() ? AuditCohort.TRUTH_POSITIVE : AuditCohort.TRUTH_NEGATIVE), attributes);
        }
        return b.build();
    }

    public LoadedCohort loaded() {
        return new LoadedCohort(cohort(), "synthetic test cohort", List.of(), Map.of());
    }
}
