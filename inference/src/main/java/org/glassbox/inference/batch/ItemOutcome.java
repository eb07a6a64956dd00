package org.glassbox.inference.batch;

/**
 * What happened to one item.
 *
 * @param item      the item
 * @param status    computed, cached, failed or not run (cancelled before its turn)
 * @param logits    raw outputs (computed or cached), else null
 * @param scores    the logits through the model's output kind, else null
 * @param embedding the embedding when the model names an embedding layer, else null
 * @param error     why it failed (one line naming the file), else null
 */
public record ItemOutcome(BatchItem item, Status status, float[] logits, float[] scores, float[] embedding, String error) {
    public enum Status { COMPUTED, CACHED, FAILED, NOT_RUN }
}
