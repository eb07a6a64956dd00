package org.glassbox.core.imaging;

/**
 * Resizes {@link PlanarImage}s with a separable {@link ResizeFilter}: every output row is computed
 * from the source rows with one set of weights, every output column with another, so a 3000 → 224
 * area reduction costs about in × out × (in/out + 1) multiply-adds per axis instead of a 2-D window
 * per pixel. Accumulation is in double; intermediate and output values are float.
 *
 * <p>NaN and infinite inputs propagate into every output pixel whose weights touch them.
 */
public final class Resampling {
    private Resampling() {
    }

    /**
     * @param outHeight ≥ 1
     * @param outWidth  ≥ 1
     * @return a new image, same channels, outHeight × outWidth (the input itself when the size is unchanged)
     */
    public static PlanarImage resize(PlanarImage image, int outHeight, int outWidth, ResizeFilter filter) {
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("output size must be >= 1: " + outHeight + "x" + outWidth);
        }
        if (outHeight == image.height() && outWidth == image.width()) {
            return image;
        }
        AxisWeights across = AxisWeights.of(filter, image.width(), outWidth);
        AxisWeights down = AxisWeights.of(filter, image.height(), outHeight);
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        float[] src = image.raw();
        float[] rows = new float[c * h * outWidth];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int in = (ch * h + y) * w;
                int out = (ch * h + y) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    rows[out + x] = (float) across.apply(x, src, in, 1);
                }
            }
        }
        float[] result = new float[c * outHeight * outWidth];
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * outWidth;
            for (int y = 0; y < outHeight; y++) {
                int out = (ch * outHeight + y) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    result[out + x] = (float) down.apply(y, rows, plane + x, outWidth);
                }
            }
        }
        return new PlanarImage(c, outHeight, outWidth, result);
    }

    /**
     * For each output index along one axis, the source indices it reads and their weights (which
     * sum to 1).
     */
    static final class AxisWeights {
        final int[][] index;
        final double[][] weight;

        private AxisWeights(int out) {
            index = new int[out][];
            weight = new double[out][];
        }

        double apply(int o, float[] data, int offset, int stride) {
            int[] ix = index[o];
            double[] wt = weight[o];
            double sum = 0;
            for (int k = 0; k < ix.length; k++) {
                sum += wt[k] * data[offset + ix[k] * stride];
            }
            return sum;
        }

        static AxisWeights of(ResizeFilter filter, int in, int out) {
            AxisWeights a = new AxisWeights(out);
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                switch (filter) {
                    case NEAREST -> {
                        // PyTorch computes the scale and the product in float32; so do we, to pick the same pixel.
                        float s = (float) in / out;
                        int i = Math.min((int) Math.floor(o * s), in - 1);
                        a.set(o, new int[] {i}, new double[] {1});
                    }
                    case BILINEAR -> {
                        double src = Math.max(scale * (o + 0.5) - 0.5, 0);
                        int i0 = (int) src;
                        int i1 = i0 < in - 1 ? i0 + 1 : i0;
                        double l = src - i0;
                        a.set(o, new int[] {i0, i1}, new double[] {1 - l, l});
                    }
                    case BICUBIC -> {
                        double src = scale * (o + 0.5) - 0.5;
                        int i0 = (int) Math.floor(src);
                        double t = src - i0;
                        int[] ix = new int[4];
                        double[] wt = cubicWeights(t);
                        for (int k = 0; k < 4; k++) {
                            ix[k] = Math.min(Math.max(i0 - 1 + k, 0), in - 1);
                        }
                        a.set(o, ix, wt);
                    }
                    case AREA -> {
                        double start = o * scale;
                        double end = (o + 1) * scale;
                        int first = (int) Math.floor(start);
                        int last = Math.min((int) Math.ceil(end), in) - 1;
                        int n = last - first + 1;
                        int[] ix = new int[n];
                        double[] wt = new double[n];
                        for (int k = 0; k < n; k++) {
                            int j = first + k;
                            ix[k] = j;
                            wt[k] = (Math.min(j + 1, end) - Math.max(j, start)) / scale;
                        }
                        a.set(o, ix, wt);
                    }
                    default -> throw new IllegalArgumentException("unknown filter " + filter);
                }
            }
            return a;
        }

        private void set(int o, int[] ix, double[] wt) {
            index[o] = ix;
            weight[o] = wt;
        }

        /** Keys' cubic convolution weights for taps at −1, 0, 1, 2 around the position t ∈ [0, 1), a = −0.75 (PyTorch's). */
        static double[] cubicWeights(double t) {
            double a = -0.75;
            return new double[] {
                outer(t + 1, a), inner(t, a), inner(1 - t, a), outer(2 - t, a)};
        }

        // |x| ≤ 1: (a + 2)|x|³ − (a + 3)|x|² + 1
        private static double inner(double x, double a) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }

        // 1 < |x| < 2: a|x|³ − 5a|x|² + 8a|x| − 4a
        private static double outer(double x, double a) {
            return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
    }
}
