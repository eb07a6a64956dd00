package org.glassbox.core.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * One import as logged.
 *
 * @param id         import id
 * @param startedAt  when it started
 * @param finishedAt when it finished, null when it did not (crash or still running)
 * @param policy     the de-identification policy's name
 * @param counts     files per outcome (every outcome present, possibly 0)
 */
public record ImportRecord(long id, Instant startedAt, Instant finishedAt, String policy, Map<ImportOutcome, Integer> counts) {
    public ImportRecord {
        counts = Map.copyOf(counts);
    }
}
