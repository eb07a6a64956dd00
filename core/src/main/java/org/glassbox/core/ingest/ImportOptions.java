package org.glassbox.core.ingest;

import java.util.Objects;
import org.glassbox.core.deid.DeidPolicy;

/**
 * How an import runs.
 *
 * @param policy    what to do with files that are not de-identified
 * @param batchSize files per catalog transaction, &ge; 1 (default 200)
 * @param threads   header-parsing and hashing threads, &ge; 1 (default: available processors)
 */
public record ImportOptions(DeidPolicy policy, int batchSize, int threads) {
    public static final int DEFAULT_BATCH_SIZE = 200;

    public ImportOptions {
        Objects.requireNonNull(policy, "policy");
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batchSize and threads must be >= 1: " + batchSize + ", " + threads);
        }
    }

    public static ImportOptions defaults(DeidPolicy policy) {
        return new ImportOptions(policy, DEFAULT_BATCH_SIZE, Runtime.getRuntime().availableProcessors());
    }

    public ImportOptions withBatchSize(int size) {
        return new ImportOptions(policy, size, threads);
    }

    public ImportOptions withThreads(int n) {
        return new ImportOptions(policy, batchSize, n);
    }
}
