package org.glassbox.core.ai;

import java.util.List;

/**
 * Looks inside a model: activations of named layers and gradients of a target logit. Implemented by
 * the inference engines for every format they load (DL4J, Keras, ONNX).
 */
public interface ActivationProbe {

    /** Names of the layers (node outputs) that can be probed, in topological order. */
    List<String> layerNames();

    /** The layer explanations use by default (from the model package), or null. */
    String defaultTargetLayer();

    /** Activations of {@code layer} for the batch. */
    Tensor activations(Tensor batch, String layer);

    /**
     * Activations of {@code layer} and the gradient of logit {@code target} (summed over the batch,
     * so each sample gets its own gradient) with respect to that layer and to the input.
     *
     * @throws IllegalArgumentException for an unknown layer or a target outside [0, outputs)
     */
    LayerGradient gradient(Tensor batch, String layer, int target);

    /**
     * As {@link #gradient} but without the input gradient: only the layers from {@code layer} up to
     * the output take part in backpropagation, which is what Grad-CAM and its kin need. Engines
     * that can stop the backward pass at the layer override this, so it costs little more than a
     * forward pass; the default delegates to {@link #gradient} (same activations, gradient and
     * logits, input gradient then computed but not needed).
     *
     * @return activations, layer gradient and logits; {@link LayerGradient#inputGradient()} may be
     *         null (it is when the engine stopped at the layer)
     * @throws IllegalArgumentException for an unknown layer or a target outside [0, outputs)
     */
    default LayerGradient layerGradient(Tensor batch, String layer, int target) {
        return gradient(batch, layer, target);
    }
}
