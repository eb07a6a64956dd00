package org.glassbox.inference.batch;

/** Told after the cache lookup and after every batch (on the thread running the model). */
@FunctionalInterface
public interface BatchListener {
    BatchListener NONE = p -> {
    };

    void progress(BatchProgress progress);
}
