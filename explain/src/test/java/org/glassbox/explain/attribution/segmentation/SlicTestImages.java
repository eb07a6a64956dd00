package org.glassbox.explain.attribution.segmentation;

import org.glassbox.core.ai.Tensor;

/** Test images for explainers that segment. */
public final class SlicTestImages {
    private SlicTestImages() {
    }

    /** 1 × n × n, a diagonal ramp with a bright square. */
    public static Tensor gradient(int n) {
        float[] v = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                v[y * n + x] = (x + y) / (2f * n) + (x > n / 2 && y > n / 3 && y < n * 2 / 3 ? 0.5f : 0f);
            }
        }
        return new Tensor(new int[] {1, n, n}, v);
    }
}
