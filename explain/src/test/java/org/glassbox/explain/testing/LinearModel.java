package org.glassbox.explain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;

/**
 * logits[t] = Σ_p W[t][p]·x[p] + b[t] over the flattened C×H×W input: the model whose Shapley
 * values and integrated gradients are known exactly (for a feature set S and baseline x':
 * φ_S = Σ_{p∈S} W[t][p]·(x[p] − x'[p])). Its one probe-able layer "input" is the input itself.
 */
public final class LinearModel implements ExplainableModel {
    private final int channels;
    private final int height;
    private final int width;
    private final int outputs;
    private final float[] weights; // T × (C·H·W)
    private final float[] bias;
    private final ModelDescriptor descriptor;

    public LinearModel(int channels, int height, int width, int outputs, long seed) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.outputs = outputs;
        Random random = new Random(seed);
        int size = channels * height * width;
        this.weights = new float[outputs * size];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        this.bias = new float[outputs];
        for (int t = 0; t < outputs; t++) {
            bias[t] = (float) (random.nextGaussian() * 0.1);
        }
        List<String> labels = new ArrayList<>();
        for (int t = 0; t < outputs; t++) {
            labels.add("label" + t);
        }
        this.descriptor = new ModelDescriptor("linear", "test", "linear-" + seed, List.of(channels, height, width), labels,
                ModelDescriptor.OutputKind.IDENTITY);
    }

    /** W[t][p] for the flattened pixel index p. */
    public float weight(int target, int flatIndex) {
        return weights[target * channels * height * width + flatIndex];
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Tensor logits(Tensor batch) {
        check(batch);
        int n = batch.dim(0);
        int size = channels * height * width;
        float[] out = new float[n * outputs];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < outputs; t++) {
                double s = bias[t];
                for (int p = 0; p < size; p++) {
                    s += (double) weights[t * size + p] * batch.get(i * size + p);
                }
                out[i * outputs + t] = (float) s;
            }
        }
        return new Tensor(new int[] {n, outputs}, out);
    }

    @Override
    public List<String> layerNames() {
        return List.of("input");
    }

    @Override
    public String defaultTargetLayer() {
        return "input";
    }

    @Override
    public Tensor activations(Tensor batch, String layer) {
        check(batch);
        requireLayer(layer);
        return batch;
    }

    @Override
    public LayerGradient gradient(Tensor batch, String layer, int target) {
        check(batch);
        requireLayer(layer);
        if (target < 0 || target >= outputs) {
            throw new IllegalArgumentException("target " + target + " outside [0, " + outputs + ")");
        }
        int n = batch.dim(0);
        int size = channels * height * width;
        float[] g = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(weights, target * size, g, i * size, size);
        }
        Tensor gradient = new Tensor(batch.shape(), g);
        return new LayerGradient(layer, batch, gradient, gradient, logits(batch));
    }

    @Override
    public void close() {
        // nothing to release
    }

    private void requireLayer(String layer) {
        if (!"input".equals(layer)) {
            throw new IllegalArgumentException("unknown layer '" + layer + "'; layers: [input]");
        }
    }

    private void check(Tensor batch) {
        if (batch.rank() != 4 || batch.dim(1) != channels || batch.dim(2) != height || batch.dim(3) != width) {
            throw new IllegalArgumentException("expected N×" + channels + "×" + height + "×" + width + ", got " + batch);
        }
    }
}
