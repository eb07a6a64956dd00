package org.glassbox.app.fairness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassbox.explain.fairness.AuditCohort;

/**
 * A cohort as loaded, with what a report must state about where it came from.
 *
 * @param cohort      the cases (ids, per-label scores and truth, attribute columns)
 * @param source      where the cases came from, in words (e.g. "workspace /w, model sha256 …" or a CSV path)
 * @param modelHashes the sha256 of the model(s) whose scores these are; empty for scores made elsewhere
 * @param exclusions  reason → number of cases (or rows) left out, in the order met; empty when none
 */
public record LoadedCohort(AuditCohort cohort, String source, List<String> modelHashes, Map<String, Integer> exclusions) {
    public LoadedCohort {
        Objects.requireNonNull(cohort, "cohort");
        Objects.requireNonNull(source, "source");
        modelHashes = List.copyOf(modelHashes);
        exclusions = Collections.unmodifiableMap(new LinkedHashMap<>(exclusions));
    }

    /** The same provenance around another cohort (e.g. with derived grouping columns). */
    public LoadedCohort with(AuditCohort other) {
        return new LoadedCohort(other, source, modelHashes, exclusions);
    }
}
