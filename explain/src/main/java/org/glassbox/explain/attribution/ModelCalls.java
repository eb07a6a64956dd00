package org.glassbox.explain.attribution;

import java.util.List;
import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;

/** Checks shared by the attribution methods: input shape, target range, cancellation, outputs. */
final class ModelCalls {
    private ModelCalls() {
    }

    /**
     * @throws IllegalArgumentException when {@code image} is not one C × H × W image of the model's
     *         input shape, or {@code target} is outside the model's outputs
     */
    static void check(ExplainableModel model, Tensor image, int target) {
        ModelDescriptor d = model.descriptor();
        List<Integer> shape = d.inputShape();
        int[] s = image.shape();
        boolean matches = s.length == shape.size();
        for (int i = 0; matches && i < s.length; i++) {
            Integer expected = shape.get(i);
            matches = expected == null || expected <= 0 || expected == s[i];
        }
        if (s.length != 3 || !matches) {
            throw new IllegalArgumentException("image " + image + " does not match the model's input shape " + shape
                    + " (one image, C×H×W)");
        }
        if (target < 0 || target >= d.labels().size()) {
            throw new IllegalArgumentException("target " + target + " outside [0, " + d.labels().size() + ") for "
                    + d.id() + " (labels " + d.labels() + ")");
        }
    }

    static void checkCancelled(ExplainSettings settings, String method) {
        if (settings.cancel().isCancelled()) {
            throw new CancellationException(method + " cancelled");
        }
    }

    /** The batch's logits of {@code target}, or its scores (sigmoid/softmax as the model declares). */
    static double[] outputs(ExplainableModel model, Tensor batch, int target, ShapOutput output) {
        Tensor logits = model.logits(batch);
        int n = logits.dim(0);
        int k = logits.dim(1);
        double[] out = new double[n];
        if (output == ShapOutput.LOGIT) {
            for (int i = 0; i < n; i++) {
                out[i] = logits.get(i * k + target);
            }
        } else {
            float[][] scores = Classifier.scores(logits, model.descriptor().outputKind());
            for (int i = 0; i < n; i++) {
                out[i] = scores[i][target];
            }
        }
        return out;
    }

    /** Logit and score of {@code target} for one image. */
    static float[] logitAndScore(ExplainableModel model, Tensor image, int target) {
        Tensor logits = model.logits(asBatch(image));
        float[][] scores = Classifier.scores(logits, model.descriptor().outputKind());
        return new float[] {logits.get(target), scores[0][target]};
    }

    static Tensor asBatch(Tensor image) {
        int[] s = image.shape();
        return new Tensor(new int[] {1, s[0], s[1], s[2]}, image.data());
    }

    /** The layer to ask for gradients when only the input gradient is wanted. */
    static String anyLayer(ExplainableModel model) {
        String layer = model.defaultTargetLayer();
        if (layer != null) {
            return layer;
        }
        List<String> names = model.layerNames();
        if (names.isEmpty()) {
            throw new IllegalArgumentException(model.descriptor().id() + " exposes no layer to take gradients through");
        }
        return names.get(names.size() - 1);
    }

    /** Sums a C × H × W attribution over channels into H × W floats. */
    static float[] sumChannels(double[] chw, int channels, int area) {
        float[] map = new float[area];
        for (int p = 0; p < area; p++) {
            double s = 0;
            for (int c = 0; c < channels; c++) {
                s += chw[c * area + p];
            }
            map[p] = (float) s;
        }
        return map;
    }
}
