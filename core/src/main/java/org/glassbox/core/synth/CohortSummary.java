package org.glassbox.core.synth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a generation run produced.
 *
 * @param out           the cohort folder
 * @param seed          the seed used
 * @param size          0 for full-size images, else the square side in pixels
 * @param rows          one per study, in case order
 * @param labelCounts   positives per finding label
 * @param siteCounts    studies per site name
 * @param shortcutCount images carrying the shortcut marker
 * @param seconds       wall-clock time of the run
 */
public record CohortSummary(Path out, long seed, int size, List<TruthRow> rows, Map<String, Integer> labelCounts,
                            Map<String, Integer> siteCounts, int shortcutCount, double seconds) {
    public CohortSummary {
        rows = List.copyOf(rows);
        labelCounts = Map.copyOf(labelCounts);
        siteCounts = Map.copyOf(siteCounts);
    }

    public int studies() {
        return rows.size();
    }
}
