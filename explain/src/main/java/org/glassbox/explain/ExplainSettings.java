package org.glassbox.explain;

import java.util.Objects;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;

/**
 * How an explanation runs, whatever the method: model evaluations are sent in batches of
 * {@code batchSize}; random choices (baselines, coalitions) are drawn from {@code seed}, so the same
 * settings give the same map; {@code cancel} is checked between batches (a cancelled run throws
 * {@link java.util.concurrent.CancellationException}); {@code progress} hears about each batch.
 */
public record ExplainSettings(int batchSize, long seed, CancelToken cancel, ProgressListener progress) {
    public ExplainSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        Objects.requireNonNull(cancel, "cancel");
        Objects.requireNonNull(progress, "progress");
    }

    /** Batch 16, seed 0, not cancellable from outside, no progress reports. */
    public static ExplainSettings defaults() {
        return new ExplainSettings(16, 0, new CancelToken(), ProgressListener.NONE);
    }

    public ExplainSettings withBatchSize(int size) {
        return new ExplainSettings(size, seed, cancel, progress);
    }

    public ExplainSettings withSeed(long newSeed) {
        return new ExplainSettings(batchSize, newSeed, cancel, progress);
    }
}
