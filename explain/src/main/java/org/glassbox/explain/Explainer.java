package org.glassbox.explain;

import org.glassbox.core.ai.Tensor;

/**
 * Computes one kind of explanation map. Implementations hold the model and their method's
 * parameters (constructor), are deterministic for {@link ExplainSettings#seed()}, batch their model
 * calls by {@link ExplainSettings#batchSize()}, and check {@link ExplainSettings#cancel()} between
 * batches.
 */
public interface Explainer {

    ExplanationMethod method();

    /**
     * @param image  one preprocessed image, C × H × W, as the model takes it
     * @param target output index to explain
     * @throws IllegalArgumentException for a target outside the model's outputs, an image whose shape
     *         is not the model's input shape, or a parameter the model cannot honour (unknown layer,
     *         a layer without spatial extent for CAM, a mask of the wrong size) — the message says which
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    Explanation explain(Tensor image, int target, ExplainSettings settings);
}
