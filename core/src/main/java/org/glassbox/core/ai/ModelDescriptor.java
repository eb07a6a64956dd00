package org.glassbox.core.ai;

import java.util.List;
import java.util.Objects;

/**
 * What a loaded model takes and gives.
 *
 * @param id          model id, e.g. "glassbox-demo-cxr"
 * @param version     e.g. "1.0.0"
 * @param sha256      hash identifying the exact weights (caches key on it)
 * @param inputShape  one sample's input shape, e.g. [1, 224, 224] (C, H, W)
 * @param labels      one name per output, in output order
 * @param outputKind  how outputs are turned into scores: SIGMOID (multi-label), SOFTMAX, or
 *                    IDENTITY (already probabilities or raw logits shown as is)
 */
public record ModelDescriptor(String id, String version, String sha256, List<Integer> inputShape, List<String> labels, OutputKind outputKind) {
    public ModelDescriptor {
        Objects.requireNonNull(id, "id");
        inputShape = List.copyOf(inputShape);
        labels = List.copyOf(labels);
        Objects.requireNonNull(outputKind, "outputKind");
    }

    public enum OutputKind { SIGMOID, SOFTMAX, IDENTITY }
}
