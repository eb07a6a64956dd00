package org.glassbox.explain.cam;

import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.explain.ExplanationMethod;

/**
 * HiResCAM (Draelos and Carin 2020): ReLU(Σ_k G_k ⊙ A_k), the element-wise product of gradient and
 * activation summed over channels — as pytorch-grad-cam's {@code HiResCAM}, raw (see
 * {@link CamExplainer}). For a layer followed only by global average pooling and a linear head it
 * equals Grad-CAM.
 */
public final class HiResCam extends CamExplainer {
    public HiResCam(ExplainableModel model, CamOptions options) {
        super(model, options);
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.HIRESCAM;
    }

    @Override
    float[] combine(float[] a, float[] g, int channels, int area) {
        float[] cam = new float[area];
        for (int k = 0; k < channels; k++) {
            int base = k * area;
            for (int p = 0; p < area; p++) {
                cam[p] += g[base + p] * a[base + p];
            }
        }
        return cam;
    }
}
