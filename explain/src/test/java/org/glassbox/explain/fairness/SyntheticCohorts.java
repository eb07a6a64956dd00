package org.glassbox.explain.fairness;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Binormal test cohorts: per subgroup, negatives' latent score ~ N(0, 1), positives' ~ N(μ, 1),
 * so the true AUC is Φ(μ / √2); the score is the logistic of (latent − 1), a monotone map into (0, 1).
 */
final class SyntheticCohorts {
    private SyntheticCohorts() {
    }

    /** μ giving a true AUC: √2 · Φ⁻¹(auc). */
    static double separationFor(double auc) {
        return Math.sqrt(2) * org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).inverseCumulativeProbability(auc);
    }

    /**
     * @param groups     attribute "sex" values
     * @param sizes      cases per group
     * @param prevalence per group
     * @param auc        true AUC per group
     */
    static AuditCohort binormal(long seed, String label, String[] groups, int[] sizes, double[] prevalence, double[] auc) {
        SplittableRandom random = new SplittableRandom(seed);
        int total = 0;
        for (int s : sizes) {
            total += s;
        }
        String[] ids = new String[total];
        double[] scores = new double[total];
        byte[] truth = new byte[total];
        String[] sex = new String[total];
        int i = 0;
        for (int g = 0; g < groups.length; g++) {
            double mu = separationFor(auc[g]);
            int positives = (int) Math.round(sizes[g] * prevalence[g]);
            for (int k = 0; k < sizes[g]; k++, i++) {
                boolean positive = k < positives;
                double latent = gaussian(random) + (positive ? mu : 0);
                ids[i] = "case-" + i;
                scores[i] = 1 / (1 + Math.exp(-(latent - 1)));
                truth[i] = (byte) (positive ? 1 : 0);
                sex[i] = groups[g];
            }
        }
        Map<String, String[]> attributes = new HashMap<>();
        attributes.put("sex", sex);
        return AuditCohort.of(ids, Map.of(label, scores), Map.of(label, truth), attributes);
    }

    static double gaussian(SplittableRandom random) {
        // Box–Muller: two uniforms → one standard normal (the other is discarded for simplicity)
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
