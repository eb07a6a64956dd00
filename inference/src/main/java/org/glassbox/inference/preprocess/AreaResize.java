package org.glassbox.inference.preprocess;

/**
 * Resamples a single-channel image by exact area averaging: each output pixel is the mean of the
 * input area it covers (fractional overlaps weighted by area). Downsampling therefore does not
 * alias; upsampling repeats pixels (nearest neighbour with fractional edges). Separable: rows
 * first, then columns. NaN in the input propagates to the output pixels that cover it.
 */
public final class AreaResize {
    private AreaResize() {
    }

    /**
     * @param src row-major, rows × columns
     * @return row-major, outRows × outColumns; a copy of {@code src} when the sizes are equal
     */
    public static float[] resize(float[] src, int rows, int columns, int outRows, int outColumns) {
        if (src.length != rows * columns) {
            throw new IllegalArgumentException("image has " + src.length + " values, not " + rows + "×" + columns);
        }
        if (rows < 1 || columns < 1 || outRows < 1 || outColumns < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (rows == outRows && columns == outColumns) {
            return src.clone();
        }
        // Horizontal pass: rows × outColumns.
        float[] tmp = new float[rows * outColumns];
        Weights wx = Weights.of(columns, outColumns);
        for (int r = 0; r < rows; r++) {
            wx.apply(src, r * columns, 1, tmp, r * outColumns, 1);
        }
        // Vertical pass: outRows × outColumns.
        float[] out = new float[outRows * outColumns];
        Weights wy = Weights.of(rows, outRows);
        for (int c = 0; c < outColumns; c++) {
            wy.apply(tmp, c, outColumns, out, c, outColumns);
        }
        return out;
    }

    /** For each output index: the first input index and the weights of the inputs it covers. */
    private record Weights(int[] first, double[][] w) {
        static Weights of(int in, int out) {
            double scale = (double) in / out;
            int[] first = new int[out];
            double[][] w = new double[out][];
            for (int o = 0; o < out; o++) {
                double a = o * scale;
                double b = (o + 1) * scale;
                int i0 = (int) Math.floor(a);
                int i1 = Math.min(in, (int) Math.ceil(b));
                first[o] = i0;
                w[o] = new double[i1 - i0];
                for (int i = i0; i < i1; i++) {
                    double overlap = Math.min(b, i + 1) - Math.max(a, i);
                    w[o][i - i0] = overlap / scale;
                }
            }
            return new Weights(first, w);
        }

        void apply(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride) {
            for (int o = 0; o < first.length; o++) {
                double sum = 0;
                double[] wo = w[o];
                int base = srcOffset + first[o] * srcStride;
                for (int k = 0; k < wo.length; k++) {
                    sum += wo[k] * src[base + k * srcStride];
                }
                dst[dstOffset + o * dstStride] = (float) sum;
            }
        }
    }
}
