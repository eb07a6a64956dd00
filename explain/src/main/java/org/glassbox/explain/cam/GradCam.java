package org.glassbox.explain.cam;

import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.explain.ExplanationMethod;

/**
 * Grad-CAM (Selvaraju et al. 2017): ReLU(Σ_k w_k · A_k) with w_k = mean over the layer's h × w of
 * d logit[target] / d A_k — as pytorch-grad-cam's {@code GradCAM}, without its min-max
 * normalisation (see {@link CamExplainer}).
 */
public final class GradCam extends CamExplainer {
    public GradCam(ExplainableModel model, CamOptions options) {
        super(model, options);
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.GRADCAM;
    }

    @Override
    float[] combine(float[] a, float[] g, int channels, int area) {
        float[] cam = new float[area];
        for (int k = 0; k < channels; k++) {
            int base = k * area;
            double mean = 0;
            for (int p = 0; p < area; p++) {
                mean += g[base + p];
            }
            float weight = (float) (mean / area);
            for (int p = 0; p < area; p++) {
                cam[p] += weight * a[base + p];
            }
        }
        return cam;
    }
}
