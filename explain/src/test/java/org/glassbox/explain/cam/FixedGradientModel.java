package org.glassbox.explain.cam;

import java.util.List;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;

/**
 * A probe that returns given activations and gradients for layer "block" (1 × K × h × w) whatever
 * the input, so CAM formulas can be checked on hand-computed numbers. Input 1 × 4 × 4, 2 outputs.
 */
final class FixedGradientModel implements ExplainableModel {
    private final Tensor activations;
    private final Tensor gradient;

    FixedGradientModel(int channels, int h, int w, float[] activations, float[] gradient) {
        this.activations = new Tensor(new int[] {1, channels, h, w}, activations);
        this.gradient = new Tensor(new int[] {1, channels, h, w}, gradient);
    }

    @Override
    public ModelDescriptor descriptor() {
        return new ModelDescriptor("fixed", "1", "0", List.of(1, 4, 4), List.of("a", "b"), ModelDescriptor.OutputKind.SIGMOID);
    }

    @Override
    public Tensor logits(Tensor batch) {
        return new Tensor(new int[] {1, 2}, new float[] {0.5f, -0.5f});
    }

    @Override
    public List<String> layerNames() {
        return List.of("block");
    }

    @Override
    public String defaultTargetLayer() {
        return "block";
    }

    @Override
    public Tensor activations(Tensor batch, String layer) {
        return activations;
    }

    @Override
    public LayerGradient gradient(Tensor batch, String layer, int target) {
        return new LayerGradient(layer, activations, gradient, null, logits(batch));
    }

    @Override
    public void close() {
    }
}
