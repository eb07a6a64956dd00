package org.glassbox.explain.attribution;

import java.util.Random;
import org.glassbox.core.ai.Tensor;

/** Seeded test images. */
final class Images {
    private Images() {
    }

    /** Uniform values in [0, 1), C × H × W. */
    static Tensor random(int channels, int height, int width, long seed) {
        Random r = new Random(seed);
        float[] v = new float[channels * height * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return new Tensor(new int[] {channels, height, width}, v);
    }

    /** A smooth image with a bright blob: SLIC has structure to follow. */
    static Tensor blobs(int channels, int height, int width, long seed) {
        Random r = new Random(seed);
        float[] v = new float[channels * height * width];
        double cy = height * (0.3 + 0.4 * r.nextDouble());
        double cx = width * (0.3 + 0.4 * r.nextDouble());
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double d = Math.hypot(y - cy, x - cx) / Math.min(height, width);
                    v[(c * height + y) * width + x] = (float) (0.2 + 0.6 * Math.exp(-d * d * 12) + 0.05 * r.nextGaussian()
                            + 0.1 * x / width);
                }
            }
        }
        return new Tensor(new int[] {channels, height, width}, v);
    }

    static double logit(org.glassbox.core.ai.Classifier model, float[] chw, int[] shape, int target) {
        return model.logits(new Tensor(new int[] {1, shape[0], shape[1], shape[2]}, chw.clone())).get(target);
    }

    static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
