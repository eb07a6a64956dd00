package org.glassbox.explain.attribution;

import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;

/**
 * Σ_k w_k · (x − b_k) ⊙ ∇f(b_k + α_k (x − b_k)) over n path points, with gradients of logit[target]
 * taken through {@link org.glassbox.core.ai.ActivationProbe#gradient} in batches of the settings'
 * batch size — the common core of Integrated Gradients (one baseline, quadrature points) and
 * Expected Gradients (sampled baselines, random α, equal weights).
 */
final class PathIntegral {

    /** Path point k: its baseline, α and weight. */
    interface Points {
        float[] baseline(int k);

        double alpha(int k);

        double weight(int k);
    }

    private PathIntegral() {
    }

    /** @return the C × H × W attributions in double */
    static double[] integrate(ExplainableModel model, Tensor image, int target, int count, Points points,
                              ExplainSettings settings, String method) {
        int[] s = image.shape();
        int size = image.size();
        float[] x = image.data();
        String layer = ModelCalls.anyLayer(model);
        double[] attribution = new double[size];
        for (int start = 0; start < count; start += settings.batchSize()) {
            ModelCalls.checkCancelled(settings, method);
            int n = Math.min(settings.batchSize(), count - start);
            float[] batch = new float[n * size];
            for (int i = 0; i < n; i++) {
                float[] b = points.baseline(start + i);
                double alpha = points.alpha(start + i);
                for (int p = 0; p < size; p++) {
                    batch[i * size + p] = (float) (b[p] + alpha * (x[p] - b[p]));
                }
            }
            Tensor gradient = model.gradient(new Tensor(new int[] {n, s[0], s[1], s[2]}, batch), layer, target)
                    .inputGradient();
            for (int i = 0; i < n; i++) {
                float[] b = points.baseline(start + i);
                double w = points.weight(start + i);
                for (int p = 0; p < size; p++) {
                    attribution[p] += w * (x[p] - b[p]) * gradient.get(i * size + p);
                }
            }
            settings.progress().update((double) (start + n) / count, method + ": " + (start + n) + "/" + count + " gradients");
        }
        return attribution;
    }
}
