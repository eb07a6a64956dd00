package org.glassbox.app.ui.fairness;

import java.util.Map;
import java.util.Objects;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;

/**
 * One row of the fairness table: a subgroup of a grouping (or the whole cohort) with its statistics
 * and its disparities against the grouping's reference subgroup.
 *
 * @param grouping    the grouping; null for the whole-cohort row
 * @param result      the subgroup's statistics
 * @param reference   whether this is the grouping's reference subgroup
 * @param disparities metric → disparity against the reference (empty for the reference and the overall row)
 */
public record SubgroupRow(Grouping grouping, SubgroupResult result, boolean reference, Map<Metric, Disparity> disparities) {
    public SubgroupRow {
        Objects.requireNonNull(result, "result");
        disparities = Map.copyOf(disparities);
    }

    /** "sex", "sex × age_band", or "all" for the whole cohort. */
    public String groupingName() {
        return grouping == null ? SubgroupResult.OVERALL : grouping.name();
    }

    public String subgroup() {
        return result.name();
    }

    /** "sex=F", or "all" for the whole cohort: how the worklist banner names the subgroup. */
    public String describe() {
        return grouping == null ? "all cases" : grouping.name() + "=" + result.name();
    }

    public Estimate metric(Metric m) {
        return result.metric(m);
    }

    /** The disparity of metric {@code m} against the reference, or null. */
    public Disparity disparity(Metric m) {
        return disparities.get(m);
    }

    public boolean flagged(Metric m) {
        Disparity d = disparities.get(m);
        return d != null && d.flagged();
    }

    public boolean anyFlag() {
        return disparities.values().stream().anyMatch(Disparity::flagged);
    }
}
