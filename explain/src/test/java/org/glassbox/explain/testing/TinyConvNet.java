package org.glassbox.explain.testing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;

/**
 * A real, small convolutional network in plain Java with exact (analytic) gradients, for testing
 * explanation methods without ND4J: {@code conv} (K filters 3×3, padding 1, stride s) → {@code relu}
 * → global average pool → {@code fc} (T logits). Layers that can be probed: "conv" (pre-activation,
 * N×K×h×w), "relu" (N×K×h×w) and "fc" (the logits, N×T, no spatial extent).
 *
 * <p>Known closed forms make it a good reference: Grad-CAM on "relu" equals ReLU(Σ_k fc[t][k]·A_k)
 * up to a positive factor (Zhou et al.'s CAM), and the logit is differentiable almost everywhere.
 */
public final class TinyConvNet implements ExplainableModel {
    private final int channels;
    private final int height;
    private final int width;
    private final int filters;
    private final int outputs;
    private final int stride;
    private final float[] convWeights; // K × C × 3 × 3
    private final float[] convBias;    // K
    private final float[] fcWeights;   // T × K
    private final float[] fcBias;      // T
    private final ModelDescriptor descriptor;

    public TinyConvNet(int channels, int height, int width, int filters, int outputs, int stride, long seed) {
        this(channels, height, width, filters, outputs, stride,
                randomConv(channels, filters, new Random(seed)), randomVector(filters, 0.1, new Random(seed + 1)),
                randomVector(outputs * filters, 1.0, new Random(seed + 2)), randomVector(outputs, 0.1, new Random(seed + 3)));
    }

    private TinyConvNet(int channels, int height, int width, int filters, int outputs, int stride, float[] convWeights,
                        float[] convBias, float[] fcWeights, float[] fcBias) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.filters = filters;
        this.outputs = outputs;
        this.stride = stride;
        this.convWeights = convWeights;
        this.convBias = convBias;
        this.fcWeights = fcWeights;
        this.fcBias = fcBias;
        List<String> labels = new java.util.ArrayList<>();
        for (int t = 0; t < outputs; t++) {
            labels.add("label" + t);
        }
        this.descriptor = new ModelDescriptor("tiny-conv", "test", sha256(), List.of(channels, height, width), labels,
                ModelDescriptor.OutputKind.SIGMOID);
    }

    public int featureHeight() {
        return (height - 1) / stride + 1;
    }

    public int featureWidth() {
        return (width - 1) / stride + 1;
    }

    /** fc weight of output {@code t} for filter {@code k}. */
    public float fcWeight(int t, int k) {
        return fcWeights[t * filters + k];
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Tensor logits(Tensor batch) {
        checkBatch(batch);
        return fc(relu(conv(batch)));
    }

    @Override
    public List<String> layerNames() {
        return List.of("conv", "relu", "fc");
    }

    @Override
    public String defaultTargetLayer() {
        return "relu";
    }

    @Override
    public Tensor activations(Tensor batch, String layer) {
        checkBatch(batch);
        Tensor conv = conv(batch);
        return switch (layer) {
            case "conv" -> conv;
            case "relu" -> relu(conv);
            case "fc" -> fc(relu(conv));
            default -> throw new IllegalArgumentException("unknown layer '" + layer + "'; layers: " + layerNames());
        };
    }

    @Override
    public LayerGradient gradient(Tensor batch, String layer, int target) {
        checkBatch(batch);
        if (!layerNames().contains(layer)) {
            throw new IllegalArgumentException("unknown layer '" + layer + "'; layers: " + layerNames());
        }
        if (target < 0 || target >= outputs) {
            throw new IllegalArgumentException("target " + target + " outside [0, " + outputs + ")");
        }
        int n = batch.dim(0);
        int fh = featureHeight();
        int fw = featureWidth();
        int area = fh * fw;
        Tensor conv = conv(batch);
        Tensor relu = relu(conv);
        Tensor logits = fc(relu);
        float[] gRelu = new float[n * filters * area];
        float[] gConv = new float[gRelu.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < filters; k++) {
                float g = fcWeight(target, k) / area;
                for (int p = 0; p < area; p++) {
                    int idx = (i * filters + k) * area + p;
                    gRelu[idx] = g;
                    gConv[idx] = conv.get(idx) > 0 ? g : 0f;
                }
            }
        }
        float[] gInput = new float[batch.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < filters; k++) {
                for (int oy = 0; oy < fh; oy++) {
                    for (int ox = 0; ox < fw; ox++) {
                        float g = gConv[((i * filters + k) * fh + oy) * fw + ox];
                        if (g == 0f) {
                            continue;
                        }
                        for (int c = 0; c < channels; c++) {
                            for (int dy = 0; dy < 3; dy++) {
                                int y = oy * stride - 1 + dy;
                                if (y < 0 || y >= height) {
                                    continue;
                                }
                                for (int dx = 0; dx < 3; dx++) {
                                    int x = ox * stride - 1 + dx;
                                    if (x < 0 || x >= width) {
                                        continue;
                                    }
                                    gInput[((i * channels + c) * height + y) * width + x] +=
                                            g * convWeights[((k * channels + c) * 3 + dy) * 3 + dx];
                                }
                            }
                        }
                    }
                }
            }
        }
        Tensor activations;
        Tensor gradient;
        switch (layer) {
            case "conv" -> {
                activations = conv;
                gradient = new Tensor(conv.shape(), gConv);
            }
            case "relu" -> {
                activations = relu;
                gradient = new Tensor(relu.shape(), gRelu);
            }
            default -> {
                activations = logits;
                float[] oneHot = new float[n * outputs];
                for (int i = 0; i < n; i++) {
                    oneHot[i * outputs + target] = 1f;
                }
                gradient = new Tensor(logits.shape(), oneHot);
            }
        }
        return new LayerGradient(layer, activations, gradient, new Tensor(batch.shape(), gInput), logits);
    }

    @Override
    public List<String> parameterLayersTopDown() {
        return List.of("fc", "conv");
    }

    @Override
    public TinyConvNet withRandomizedTopLayers(int count, long seed) {
        if (count < 0 || count > 2) {
            throw new IllegalArgumentException("count " + count + " outside [0, 2]");
        }
        Random random = new Random(seed);
        float[] newFc = count >= 1 ? randomVector(outputs * filters, 1.0, random) : fcWeights.clone();
        float[] newFcBias = count >= 1 ? randomVector(outputs, 0.1, random) : fcBias.clone();
        float[] newConv = count >= 2 ? randomConv(channels, filters, random) : convWeights.clone();
        float[] newConvBias = count >= 2 ? randomVector(filters, 0.1, random) : convBias.clone();
        return new TinyConvNet(channels, height, width, filters, outputs, stride, newConv, newConvBias, newFc, newFcBias);
    }

    @Override
    public void close() {
        // plain Java arrays: nothing to release
    }

    private void checkBatch(Tensor batch) {
        if (batch.rank() != 4 || batch.dim(1) != channels || batch.dim(2) != height || batch.dim(3) != width) {
            throw new IllegalArgumentException("expected N×" + channels + "×" + height + "×" + width + ", got " + batch);
        }
    }

    private Tensor conv(Tensor batch) {
        int n = batch.dim(0);
        int fh = featureHeight();
        int fw = featureWidth();
        float[] out = new float[n * filters * fh * fw];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < filters; k++) {
                for (int oy = 0; oy < fh; oy++) {
                    for (int ox = 0; ox < fw; ox++) {
                        double s = convBias[k];
                        for (int c = 0; c < channels; c++) {
                            for (int dy = 0; dy < 3; dy++) {
                                int y = oy * stride - 1 + dy;
                                if (y < 0 || y >= height) {
                                    continue;
                                }
                                for (int dx = 0; dx < 3; dx++) {
                                    int x = ox * stride - 1 + dx;
                                    if (x < 0 || x >= width) {
                                        continue;
                                    }
                                    s += batch.get(((i * channels + c) * height + y) * width + x)
                                            * convWeights[((k * channels + c) * 3 + dy) * 3 + dx];
                                }
                            }
                        }
                        out[((i * filters + k) * fh + oy) * fw + ox] = (float) s;
                    }
                }
            }
        }
        return new Tensor(new int[] {n, filters, fh, fw}, out);
    }

    private static Tensor relu(Tensor t) {
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, v[i]);
        }
        return new Tensor(t.shape(), v);
    }

    private Tensor fc(Tensor relu) {
        int n = relu.dim(0);
        int area = relu.dim(2) * relu.dim(3);
        float[] out = new float[n * outputs];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < outputs; t++) {
                double s = fcBias[t];
                for (int k = 0; k < filters; k++) {
                    double mean = 0;
                    for (int p = 0; p < area; p++) {
                        mean += relu.get((i * filters + k) * area + p);
                    }
                    s += fcWeight(t, k) * mean / area;
                }
                out[i * outputs + t] = (float) s;
            }
        }
        return new Tensor(new int[] {n, outputs}, out);
    }

    private static float[] randomConv(int channels, int filters, Random random) {
        return randomVector(filters * channels * 9, Math.sqrt(2.0 / (channels * 9)), random);
    }

    private static float[] randomVector(int size, double scale, Random random) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    private String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (float[] part : new float[][] {convWeights, convBias, fcWeights, fcBias}) {
                ByteBuffer buffer = ByteBuffer.allocate(part.length * 4);
                buffer.asFloatBuffer().put(part);
                digest.update(buffer);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
