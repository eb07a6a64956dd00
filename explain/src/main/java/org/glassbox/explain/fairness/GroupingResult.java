package org.glassbox.explain.fairness;

import java.util.List;

/**
 * One label's audit within one grouping.
 *
 * @param grouping                    the grouping
 * @param reference                   the reference subgroup's name
 * @param subgroups                   per subgroup, sorted by name
 * @param disparities                 per non-reference subgroup and metric
 * @param equalizedOddsDifference     max(TPR max − min, FPR max − min) across subgroups (Fairlearn's
 *                                    definition), with bootstrap CI; subgroups where TPR or FPR is
 *                                    undefined are left out (warning)
 * @param demographicParityDifference selection rate max − min across subgroups, with bootstrap CI
 * @param representation              shares of the subgroups
 */
public record GroupingResult(Grouping grouping, String reference, List<SubgroupResult> subgroups, List<Disparity> disparities,
                             Estimate equalizedOddsDifference, Estimate demographicParityDifference, Representation representation) {
    public GroupingResult {
        subgroups = List.copyOf(subgroups);
        disparities = List.copyOf(disparities);
    }

    public SubgroupResult subgroup(String name) {
        return subgroups.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subgroup '" + name + "' in grouping " + grouping.name()));
    }

    public List<Disparity> flagged() {
        return disparities.stream().filter(Disparity::flagged).toList();
    }
}
