package org.glassbox.core.ingest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.deid.DeidReport;

/**
 * What an import did.
 *
 * @param importId id in the catalog's import log
 * @param counts   files per outcome (every outcome present); they add up to the number of inputs
 * @param errors   one entry per refused or failed file (outcome REJECTED or ERROR), in input order
 * @param studies  studies in the catalog after the import
 * @param deid     the de-identification gate's report: outcome and reason counts (files whose
 *                 content was already catalogued never reach the gate and are not in it)
 * @param emptyFolders folder arguments in which the walk found nothing to import
 * @param notReached files found but never read because the import was cancelled (0 when it ran to
 *                   the end); the counts cover only the files it reached
 * @param cancelled  true when the import was cancelled before it reached every file (a cancel during
 *                   the folder walk leaves files nobody counted, so notReached may then be 0)
 */
public record ImportReport(long importId, Map<ImportOutcome, Integer> counts, List<FileError> errors, int studies, DeidReport deid,
                           List<java.nio.file.Path> emptyFolders, int notReached, boolean cancelled) {

    /** A file that was refused or failed, and why (one line, never an identifying value). */
    public record FileError(String file, String reason) {
    }

    public ImportReport {
        EnumMap<ImportOutcome, Integer> all = new EnumMap<>(ImportOutcome.class);
        for (ImportOutcome o : ImportOutcome.values()) {
            all.put(o, counts.getOrDefault(o, 0));
        }
        counts = Map.copyOf(all);
        errors = List.copyOf(errors);
        emptyFolders = List.copyOf(emptyFolders);
    }

    public int count(ImportOutcome outcome) {
        return counts.get(outcome);
    }

    /** Total files considered. */
    public int files() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when some file was refused or failed. */
    public boolean anyRefused() {
        return !errors.isEmpty();
    }
}
