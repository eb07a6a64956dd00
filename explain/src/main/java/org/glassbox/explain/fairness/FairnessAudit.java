package org.glassbox.explain.fairness;

import java.util.List;

/**
 * The result of {@link FairnessAuditor#audit}: the settings used, the cohort size, and per label its audit.
 *
 * @param settings   as given (labels resolved)
 * @param cases      cases in the cohort
 * @param labels     one audit per label
 * @param method     one paragraph naming the estimators (for reports)
 */
public record FairnessAudit(FairnessSettings settings, int cases, List<LabelAudit> labels, String method) {
    public FairnessAudit {
        labels = List.copyOf(labels);
    }

    public LabelAudit label(String name) {
        return labels.stream().filter(l -> l.label().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no label '" + name + "' in this audit"));
    }
}
