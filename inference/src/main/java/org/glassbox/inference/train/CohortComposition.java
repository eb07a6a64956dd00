package org.glassbox.inference.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.glassbox.core.synth.CaseSpec;
import org.glassbox.core.synth.Finding;
import org.glassbox.core.synth.TruthRow;

/**
 * Who is in a cohort: studies and positives overall, per site and per sex. Written into a demo
 * package's training-data summary and metric cohorts, so that a card states its data truthfully.
 *
 * @param studies         studies in the cohort
 * @param positives       positives per label, in {@link Finding} order
 * @param bySite          per site name, sorted by name
 * @param bySex           per DICOM sex code (F, M), sorted
 * @param shortcutMarkers images carrying the shortcut marker
 */
public record CohortComposition(int studies, Map<String, Integer> positives, Map<String, Group> bySite, Map<String, Group> bySex,
                                int shortcutMarkers) {

    public CohortComposition {
        positives = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(positives));
        bySite = java.util.Collections.unmodifiableMap(new TreeMap<>(bySite));
        bySex = java.util.Collections.unmodifiableMap(new TreeMap<>(bySex));
    }

    /**
     * One subgroup.
     *
     * @param studies         studies in the group
     * @param withFinding     studies with at least one finding
     * @param positives       positives per label, in {@link Finding} order
     * @param shortcutMarkers images carrying the shortcut marker
     */
    public record Group(int studies, int withFinding, Map<String, Integer> positives, int shortcutMarkers) {
        public Group {
            positives = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(positives));
        }
    }

    /** What a composition needs to know of one study (from a truth row, or drawn without rendering). */
    public record Study(String site, String sex, Set<Finding> findings, boolean shortcut) {
        public Study {
            findings = Set.copyOf(findings);
        }

        public static Study of(TruthRow r) {
            return new Study(r.site(), r.sex(), r.findings(), r.shortcut());
        }

        public static Study of(CaseSpec c) {
            return new Study(c.site().name(), c.sex().dicomCode(), c.findings(), c.shortcutMarker());
        }
    }

    public static CohortComposition ofRows(List<TruthRow> rows) {
        return of(rows.stream().map(Study::of).toList());
    }

    public static CohortComposition of(List<Study> studies) {
        Map<String, List<Study>> sites = new TreeMap<>();
        Map<String, List<Study>> sexes = new TreeMap<>();
        for (Study s : studies) {
            sites.computeIfAbsent(s.site(), k -> new java.util.ArrayList<>()).add(s);
            sexes.computeIfAbsent(s.sex(), k -> new java.util.ArrayList<>()).add(s);
        }
        Map<String, Group> bySite = new TreeMap<>();
        sites.forEach((k, v) -> bySite.put(k, group(v)));
        Map<String, Group> bySex = new TreeMap<>();
        sexes.forEach((k, v) -> bySex.put(k, group(v)));
        Group all = group(studies);
        return new CohortComposition(all.studies(), all.positives(), bySite, bySex, all.shortcutMarkers());
    }

    private static Group group(List<Study> studies) {
        Map<String, Integer> positives = new LinkedHashMap<>();
        for (Finding f : Finding.values()) {
            positives.put(f.label(), (int) studies.stream().filter(s -> s.findings().contains(f)).count());
        }
        int withFinding = (int) studies.stream().filter(s -> !s.findings().isEmpty()).count();
        int markers = (int) studies.stream().filter(Study::shortcut).count();
        return new Group(studies.size(), withFinding, positives, markers);
    }
}
