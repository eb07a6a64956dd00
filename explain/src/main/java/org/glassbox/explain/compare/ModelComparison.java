package org.glassbox.explain.compare;

import java.util.List;
import org.glassbox.explain.fairness.FairnessSettings;

/**
 * The result of {@link ModelComparer#compare}.
 *
 * @param settings  labels, groupings, threshold rule and confidence level used
 * @param paired    cases present in both cohorts
 * @param onlyInA   cases only model A scored (left out)
 * @param onlyInB   cases only model B scored (left out)
 * @param labels    per label
 */
public record ModelComparison(FairnessSettings settings, int paired, int onlyInA, int onlyInB, List<LabelComparison> labels) {
    public ModelComparison {
        labels = List.copyOf(labels);
    }
}
