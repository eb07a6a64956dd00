package org.glassbox.core.deid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The de-identification report of one import: how many files had each outcome and how often each
 * reason was found. Filled by the import pipeline, one {@link #add} per file; safe to fill from
 * several threads. Reasons are attribute + reason text (never values), e.g.
 * "PatientName present and non-empty in a file not declared de-identified (Basic Profile action Z)".
 */
public final class DeidReport {

    /** One file's line in the report. */
    public record Entry(Path file, DeidOutcome outcome, String summary) {
    }

    private final Map<DeidOutcome, Integer> outcomes = new EnumMap<>(DeidOutcome.class);
    private final Map<String, Integer> reasons = new TreeMap<>();
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param check the check that led to the outcome; may be null (e.g. a file that failed to read)
     */
    public synchronized void add(Path file, DeidOutcome outcome, DeidCheck check) {
        outcomes.merge(outcome, 1, Integer::sum);
        String summary = null;
        if (check != null && !check.clean()) {
            for (DeidFinding f : check.findings()) {
                reasons.merge(f.attribute() + " " + f.reason(), 1, Integer::sum);
            }
            summary = check.summary();
        }
        entries.add(new Entry(file, outcome, summary));
    }

    /** Files with this outcome. */
    public synchronized int count(DeidOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    /** All files added. */
    public synchronized int total() {
        return entries.size();
    }

    /** Outcome → count, every outcome listed (zeros included). */
    public synchronized Map<DeidOutcome, Integer> outcomeCounts() {
        Map<DeidOutcome, Integer> m = new EnumMap<>(DeidOutcome.class);
        for (DeidOutcome o : DeidOutcome.values()) {
            m.put(o, outcomes.getOrDefault(o, 0));
        }
        return m;
    }

    /** Reason → number of files it was found in, sorted by reason. */
    public synchronized Map<String, Integer> reasonCounts() {
        return new TreeMap<>(reasons);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
