package org.glassbox.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One model's output for one instance, as cached in the catalog.
 *
 * @param modelSha256    the model package identity
 * @param sopInstanceUid the instance
 * @param contentSha256  hash of the catalogued file the output was computed from
 * @param labels         one name per output, in output order
 * @param logits         raw outputs, one per label (float32)
 * @param scores         the logits through the model's output kind, one per label
 * @param embeddingLayer the layer the embedding was taken from, or null when there is none
 * @param embedding      the encoder embedding (float32), or null
 * @param computedAt     when it was computed
 */
public record Prediction(String modelSha256, String sopInstanceUid, String contentSha256, List<String> labels, float[] logits,
                         float[] scores, String embeddingLayer, float[] embedding, Instant computedAt) {
    public Prediction {
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(contentSha256, "contentSha256");
        labels = List.copyOf(labels);
        if (logits.length != labels.size() || scores.length != labels.size() || labels.isEmpty()) {
            throw new IllegalArgumentException("need one logit and one score per label: " + labels.size() + " labels, "
                    + logits.length + " logits, " + scores.length + " scores");
        }
        if ((embedding == null) != (embeddingLayer == null) || (embedding != null && embedding.length == 0)) {
            throw new IllegalArgumentException("an embedding needs its layer name and at least one value");
        }
        Objects.requireNonNull(computedAt, "computedAt");
    }
}
