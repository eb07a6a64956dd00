package org.glassbox.explain.cam;

import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.explain.ExplanationMethod;

/**
 * Grad-CAM++ (Chattopadhay et al. 2018) in pytorch-grad-cam's form: with G = d logit / d A,
 * α = G² / (2·G² + (Σ_hw A_k)·G³ + 1e-6) where G ≠ 0 (else 0), w_k = Σ_hw α · ReLU(G), and the map
 * ReLU(Σ_k w_k · A_k). Raw, not min-max normalised (see {@link CamExplainer}).
 */
public final class GradCamPlusPlus extends CamExplainer {
    /** pytorch-grad-cam's epsilon in the denominator of α. */
    static final double EPSILON = 1e-6;

    public GradCamPlusPlus(ExplainableModel model, CamOptions options) {
        super(model, options);
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.GRADCAM_PLUS_PLUS;
    }

    @Override
    float[] combine(float[] a, float[] g, int channels, int area) {
        float[] cam = new float[area];
        for (int k = 0; k < channels; k++) {
            int base = k * area;
            double sumA = 0;
            for (int p = 0; p < area; p++) {
                sumA += a[base + p];
            }
            double weight = 0;
            for (int p = 0; p < area; p++) {
                double gp = g[base + p];
                if (gp == 0) {
                    continue;
                }
                double g2 = gp * gp;
                double alpha = g2 / (2 * g2 + sumA * g2 * gp + EPSILON);
                weight += alpha * Math.max(gp, 0);
            }
            float w = (float) weight;
            for (int p = 0; p < area; p++) {
                cam[p] += w * a[base + p];
            }
        }
        return cam;
    }
}
