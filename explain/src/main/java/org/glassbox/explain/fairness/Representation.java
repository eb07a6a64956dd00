package org.glassbox.explain.fairness;

import java.util.Map;

/**
 * How evenly the cohort is spread over the subgroups of a grouping (shares of cases with a known
 * value, whatever their truth or score).
 *
 * @param counts          subgroup → cases
 * @param unknown         cases left out for an unknown attribute value
 * @param gini            Gini coefficient of the shares, Σᵢⱼ|pᵢ − pⱼ| / (2k) for k subgroups: 0 =
 *                        all equal, → 1 − 1/k when one subgroup has everything; NaN for no subgroups
 * @param shannon         Shannon diversity index −Σ pᵢ ln pᵢ (nats), 0 for one subgroup, ln k at most
 * @param shannonEvenness Shannon index / ln k (Pielou's evenness) in [0, 1]; NaN for k = 1
 */
public record Representation(Map<String, Integer> counts, int unknown, double gini, double shannon, double shannonEvenness) {
    public Representation {
        counts = Map.copyOf(counts);
    }
}
