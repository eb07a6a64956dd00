package org.glassbox.explain.compare;

import java.util.List;

/**
 * One label compared between two models.
 *
 * @param label       label name
 * @param thresholdA  A's threshold, chosen on A's scores over the paired cases by the settings' rule
 * @param thresholdB  B's threshold, likewise on B's scores
 * @param overall     the whole paired cohort
 * @param subgroups   per grouping and subgroup
 * @param flips       cases whose decision differs, by |score change| descending (ties: case id)
 */
public record LabelComparison(String label, double thresholdA, double thresholdB, SubgroupComparison overall,
                              List<SubgroupComparison> subgroups, List<DecisionFlip> flips) {
    public LabelComparison {
        subgroups = List.copyOf(subgroups);
        flips = List.copyOf(flips);
    }
}
