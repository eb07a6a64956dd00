package org.glassbox.app.fairness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassbox.explain.fairness.AuditCohort;

/**
 * Cases gathered by a loader before they become an {@link AuditCohort}: per case its scores, truth
 * and attributes, plus the exclusions met. {@link #build} keeps the chosen labels, drops cases with
 * no known truth for any of them (counted) and refuses a label that has no truth at all. Not
 * thread-safe.
 */
final class CaseRows {
    /** One case. Truth: 1, 0 or absent (unknown); attributes: absent or null = unknown. */
    record Row(String id, Map<String, Double> scores, Map<String, Byte> truth, Map<String, String> attributes) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Set<String> labels = new LinkedHashSet<>();
    private final Map<String, Integer> exclusions = new LinkedHashMap<>();

    Row add(String id, String sourceWhere) throws CohortInputException {
        if (rows.containsKey(id)) {
            throw new CohortInputException(sourceWhere + ": id '" + id + "' appears twice");
        }
        Row r = new Row(id, new LinkedHashMap<>(), new HashMap<>(), new LinkedHashMap<>());
        rows.put(id, r);
        return r;
    }

    Row get(String id) {
        return rows.get(id);
    }

    Iterable<Row> rows() {
        return rows.values();
    }

    int size() {
        return rows.size();
    }

    void label(String label) {
        labels.add(label);
    }

    List<String> labels() {
        return List.copyOf(labels);
    }

    void exclude(String reason, int count) {
        if (count > 0) {
            exclusions.merge(reason, count, Integer::sum);
        }
    }

    /**
     * @param only      labels to keep (empty: all with scores); an unknown one is refused
     * @param truthHint what to tell the user when a label has no truth at all
     */
    LoadedCohort build(List<String> only, String source, List<String> modelHashes, String truthHint) throws CohortInputException {
        return build(only, source, modelHashes, truthHint, true);
    }

    /**
     * @param requireTruth false for the second cohort of a comparison, whose truth may come from the
     *                     first: rows without truth are kept (truth unknown) and no label needs truth here
     */
    LoadedCohort build(List<String> only, String source, List<String> modelHashes, String truthHint, boolean requireTruth)
            throws CohortInputException {
        List<String> chosen = new ArrayList<>();
        if (only.isEmpty()) {
            chosen.addAll(labels);
        } else {
            for (String l : only) {
                String match = labels.stream().filter(k -> k.equalsIgnoreCase(l)).findFirst().orElse(null);
                if (match == null) {
                    throw new CohortInputException("unknown label '" + l + "'; labels with scores: " + String.join(", ", labels));
                }
                if (!chosen.contains(match)) {
                    chosen.add(match);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new CohortInputException(source + ": no labels with scores");
        }
        for (String l : chosen) {
            boolean any = rows.values().stream().anyMatch(r -> r.truth().containsKey(l) && r.scores().containsKey(l));
            if (!any && requireTruth) {
                throw new CohortInputException("no truth for label '" + l + "' in " + source + "; " + truthHint);
            }
        }
        AuditCohort.Builder b = AuditCohort.builder();
        chosen.forEach(b::label);
        Set<String> attributeNames = new LinkedHashSet<>();
        rows.values().forEach(r -> attributeNames.addAll(r.attributes().keySet()));
        attributeNames.forEach(b::attributeName);
        int noTruth = 0;
        Map<String, Integer> unknownPerLabel = new LinkedHashMap<>();
        for (Row r : rows.values()) {
            Map<String, Double> s = new HashMap<>();
            Map<String, Byte> t = new HashMap<>();
            for (String l : chosen) {
                if (r.scores().containsKey(l)) {
                    s.put(l, r.scores().get(l));
                }
                if (r.truth().containsKey(l)) {
                    t.put(l, r.truth().get(l));
                }
            }
            if (t.isEmpty() && requireTruth) {
                noTruth++;
                continue;
            }
            for (String l : chosen) {
                if (!t.containsKey(l) || !s.containsKey(l)) {
                    unknownPerLabel.merge(l, 1, Integer::sum);
                }
            }
            Map<String, String> a = new HashMap<>();
            r.attributes().forEach((k, v) -> a.put(k, v == null || v.isBlank() ? null : v));
            b.add(r.id(), s, t, a);
        }
        exclude("no truth for any audited label", noTruth);
        unknownPerLabel.forEach((l, n) -> exclude("truth or score unknown for " + l + " (left out of that label only)", n));
        AuditCohort cohort = b.build();
        if (cohort.size() == 0) {
            throw new CohortInputException(source + (requireTruth ? ": no case has both a score and truth" : ": no case has a score"));
        }
        return new LoadedCohort(cohort, source, modelHashes, exclusions);
    }
}
