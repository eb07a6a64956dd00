package org.glassbox.explain.attribution;

import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.attribution.segmentation.Segmentation;

/**
 * The game SHAP explains on an image: players are segments; a coalition keeps its segments' pixels
 * from the image and takes every other pixel from the fill image (blur, mean, black…); its value is the
 * model's target logit or score. Evaluated in batches of the settings' batch size, checking
 * cancellation before each batch and reporting progress against the expected total.
 */
final class MaskedImageGame implements CoalitionGame {
    private final ExplainableModel model;
    private final float[] image;
    private final float[] fill;
    private final int[] shape;
    private final int[] labels;
    private final int players;
    private final int target;
    private final ShapOutput output;
    private final ExplainSettings settings;
    private final String method;
    private final long expected;
    private long evaluations;

    /**
     * @param expected evaluations the caller expects to ask for (for progress fractions)
     */
    MaskedImageGame(ExplainableModel model, Tensor image, float[] fill, Segmentation segmentation, int target,
                    ShapOutput output, ExplainSettings settings, String method, long expected) {
        this.model = model;
        this.image = image.data();
        this.fill = fill;
        this.shape = image.shape();
        this.labels = segmentation.labels();
        this.players = segmentation.count();
        this.target = target;
        this.output = output;
        this.settings = settings;
        this.method = method;
        this.expected = Math.max(1, expected);
    }

    @Override
    public int players() {
        return players;
    }

    /** Model evaluations so far. */
    long evaluations() {
        return evaluations;
    }

    @Override
    public double[] values(boolean[][] coalitions) {
        int size = image.length;
        int area = labels.length;
        int channels = size / area;
        double[] values = new double[coalitions.length];
        for (int start = 0; start < coalitions.length; start += settings.batchSize()) {
            ModelCalls.checkCancelled(settings, method);
            int n = Math.min(settings.batchSize(), coalitions.length - start);
            float[] batch = new float[n * size];
            for (int i = 0; i < n; i++) {
                boolean[] keep = coalitions[start + i];
                int offset = i * size;
                for (int c = 0; c < channels; c++) {
                    int base = c * area;
                    for (int p = 0; p < area; p++) {
                        batch[offset + base + p] = keep[labels[p]] ? image[base + p] : fill[base + p];
                    }
                }
            }
            double[] out = ModelCalls.outputs(model, new Tensor(new int[] {n, shape[0], shape[1], shape[2]}, batch),
                    target, output);
            System.arraycopy(out, 0, values, start, n);
            evaluations += n;
            settings.progress().update(Math.min(1.0, (double) evaluations / expected),
                    method + ": " + evaluations + "/" + expected + " evaluations");
        }
        return values;
    }
}
