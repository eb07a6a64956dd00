package org.glassbox.explain.fairness;

import java.util.List;

/**
 * The audit of one label.
 *
 * @param label      label name
 * @param threshold  the decision threshold chosen on the whole cohort by the settings' rule
 * @param excluded   cases left out for a NaN score or unknown truth
 * @param overall    the whole cohort as one subgroup named {@value SubgroupResult#OVERALL}
 * @param groupings  per grouping, in the settings' order
 */
public record LabelAudit(String label, double threshold, int excluded, SubgroupResult overall, List<GroupingResult> groupings) {
    public LabelAudit {
        groupings = List.copyOf(groupings);
    }

    public GroupingResult grouping(String name) {
        return groupings.stream().filter(g -> g.grouping().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no grouping '" + name + "' in the audit of " + label));
    }
}
