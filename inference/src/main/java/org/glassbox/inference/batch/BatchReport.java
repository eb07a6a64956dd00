package org.glassbox.inference.batch;

import java.util.List;

/**
 * The result of a run, one outcome per item in input order.
 *
 * @param outcomes            in the order the items were given
 * @param cancelled           the run stopped at a cancel request (some items not run)
 * @param preprocessCpuNanos  decoding + preprocessing, summed over the producer threads
 * @param inferenceNanos      time in model calls (logits and embedding)
 * @param storeNanos          time writing results to the catalog
 * @param totalNanos          wall time of the run
 * @param peakPrepared        most prepared images waiting at once (queue + batch being assembled)
 */
public record BatchReport(List<ItemOutcome> outcomes, boolean cancelled, long preprocessCpuNanos, long inferenceNanos, long storeNanos,
                          long totalNanos, int peakPrepared) {
    public BatchReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(ItemOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
