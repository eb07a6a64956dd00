package org.glassbox.inference.batch;

/**
 * Where a run is.
 *
 * @param done         items finished (computed + cached + failed)
 * @param total        items in the run
 * @param computed     scored by the model in this run
 * @param cached       taken from the catalog
 * @param failed       could not be read or preprocessed
 * @param elapsedNanos since the run started
 * @param etaNanos     estimated time to finish, from the model's rate so far; -1 before the first batch
 */
public record BatchProgress(int done, int total, int computed, int cached, int failed, long elapsedNanos, long etaNanos) {
}
