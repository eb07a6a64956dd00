package org.glassbox.viewer.render;

/** Separable Gaussian smoothing of a 2-D float map, edges clamped (replicated), kernel radius 3σ. */
final class GaussianBlur {
    private GaussianBlur() {
    }

    static float[] blur(float[] v, int height, int width, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        float[] tmp = new float[v.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.max(0, Math.min(width - 1, x + k));
                    s += kernel[k + radius] * v[y * width + xx];
                }
                tmp[y * width + x] = (float) s;
            }
        }
        float[] out = new float[v.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.max(0, Math.min(height - 1, y + k));
                    s += kernel[k + radius] * tmp[yy * width + x];
                }
                out[y * width + x] = (float) s;
            }
        }
        return out;
    }
}
