package org.glassbox.core.ingest;

/** Told after each file; called on the import's writer thread, so keep it quick. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (done, total) -> { };

    /**
     * @param done  files finished so far, 1 … total
     * @param total files found by the walk
     */
    void update(int done, int total);
}
