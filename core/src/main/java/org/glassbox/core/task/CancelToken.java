package org.glassbox.core.task;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a run to stop. Checked between batches: the batch being scored finishes and is stored, then
 * the run returns with the rest not run (a rerun picks them up from the cache state).
 */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
