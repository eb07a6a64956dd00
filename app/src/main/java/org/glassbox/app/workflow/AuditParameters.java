package org.glassbox.app.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;

/** Parameters of audit-log entries that the CLI and the workstation record alike. */
public final class AuditParameters {
    private AuditParameters() {
    }

    /**
     * The parameters that decide a fairness audit or comparison's numbers, in the order they are
     * recorded; a mutable map, so a caller can add where it ran.
     *
     * @param source where the scores came from: "catalog" or "scores-csv"
     */
    public static Map<String, Object> fairness(FairnessSettings settings, int cases, String source) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", source);
        p.put("cases", cases);
        p.put("labels", String.join(",", settings.labels()));
        p.put("by", String.join(",", settings.groupings().stream().map(Grouping::name).toList()));
        p.put("threshold", settings.threshold().describe());
        p.put("bootstrap", settings.bootstrapResamples());
        p.put("seed", settings.seed());
        return p;
    }
}
