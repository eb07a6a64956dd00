package org.glassbox.core.ai;

/**
 * Activations of one named layer and the gradient of one target logit with respect to them and to
 * the input, for a batch — what Grad-CAM and gradient attributions need.
 *
 * @param layer          the layer (for ONNX: the name of a node output)
 * @param activations    the layer's output, N × … (e.g. N × C × h × w)
 * @param gradient       d logit[target] / d activations, same shape as {@code activations}
 * @param inputGradient  d logit[target] / d input, same shape as the input batch; null from
 *                       {@link ActivationProbe#layerGradient} when the engine stopped at the layer
 * @param logits         the model's logits for the batch, N × outputs
 */
public record LayerGradient(String layer, Tensor activations, Tensor gradient, Tensor inputGradient, Tensor logits) {
}
