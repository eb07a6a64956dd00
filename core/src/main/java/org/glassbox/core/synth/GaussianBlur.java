package org.glassbox.core.synth;

/** Separable Gaussian blur with edge clamping, in place; kernel radius ⌈3σ⌉. */
final class GaussianBlur {
    private GaussianBlur() {
    }

    /** @param sigma standard deviation in pixels, &gt; 0 */
    static void apply(float[] image, int rows, int cols, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = StrictMath.exp(-(i * i) / (2 * sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] line = new float[Math.max(rows, cols)];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            System.arraycopy(image, base, line, 0, cols);
            for (int c = 0; c < cols; c++) {
                float acc = 0;
                for (int j = -radius; j <= radius; j++) {
                    int cc = Math.min(cols - 1, Math.max(0, c + j));
                    acc += k[j + radius] * line[cc];
                }
                image[base + c] = acc;
            }
        }
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                line[r] = image[r * cols + c];
            }
            for (int r = 0; r < rows; r++) {
                float acc = 0;
                for (int j = -radius; j <= radius; j++) {
                    int rr = Math.min(rows - 1, Math.max(0, r + j));
                    acc += k[j + radius] * line[rr];
                }
                image[r * cols + c] = acc;
            }
        }
    }
}
