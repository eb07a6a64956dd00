package org.glassbox.explain.quality;

/** Separable Gaussian blur with edge clamping (the border pixel repeats), kernel radius ⌈3σ⌉. */
final class GaussianBlur {
    private GaussianBlur() {
    }

    /** @param sigma in pixels; ≤ 0 returns a copy */
    static float[] blur(float[] plane, int height, int width, double sigma) {
        if (sigma <= 0) {
            return plane.clone();
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(width - 1, Math.max(0, x + i));
                    s += k[i + r] * plane[y * width + xx];
                }
                tmp[y * width + x] = (float) s;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = Math.min(height - 1, Math.max(0, y + i));
                    s += k[i + r] * tmp[yy * width + x];
                }
                out[y * width + x] = (float) s;
            }
        }
        return out;
    }
}
