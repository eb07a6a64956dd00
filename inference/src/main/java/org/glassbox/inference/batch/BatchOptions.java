package org.glassbox.inference.batch;

/**
 * @param batchSize     images per model call, ≥ 1
 * @param producers     threads decoding and preprocessing, ≥ 1
 * @param queueCapacity prepared images waiting for the model, ≥ 1: with the batch being assembled
 *                      and one image per producer, at most queueCapacity + batchSize + producers
 *                      prepared images exist at once, whatever the number of inputs
 */
public record BatchOptions(int batchSize, int producers, int queueCapacity) {
    public BatchOptions {
        if (batchSize < 1 || producers < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("batch size, producers and queue capacity must be >= 1: " + batchSize + ", " + producers
                    + ", " + queueCapacity);
        }
    }

    /** Batch size B, min(2, processors) producers, a queue of 2 × B. */
    public static BatchOptions defaults(int batchSize) {
        return new BatchOptions(batchSize, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 2 * batchSize);
    }
}
