package org.glassbox.core.task;

/** Receives progress of long work; called from the worker thread. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param fraction done so far in [0, 1], or -1 when unknown
     * @param message  one line for a status bar
     */
    void update(double fraction, String message);

    ProgressListener NONE = (fraction, message) -> { };
}
