package org.glassbox.explain.cam;

/**
 * Bilinear resampling of a row-major map with the convention of
 * {@code torch.nn.functional.interpolate(mode='bilinear', align_corners=False)} (and OpenCV's
 * {@code INTER_LINEAR}): output pixel centres map to source coordinates
 * {@code (dst + 0.5) · in/out − 0.5}, clamped at 0 below, and the last source row/column repeats at
 * the far edge. Values stay within the input's range; NaN in, NaN out.
 */
public final class BilinearUpsampler {
    private BilinearUpsampler() {
    }

    /**
     * @param values row-major {@code inHeight × inWidth}
     * @return row-major {@code outHeight × outWidth}
     */
    public static float[] resize(float[] values, int inHeight, int inWidth, int outHeight, int outWidth) {
        if (inHeight < 1 || inWidth < 1 || outHeight < 1 || outWidth < 1 || values.length != inHeight * inWidth) {
            throw new IllegalArgumentException("cannot resize " + values.length + " values as " + inHeight + "×" + inWidth
                    + " to " + outHeight + "×" + outWidth);
        }
        Axis ys = Axis.of(inHeight, outHeight);
        Axis xs = Axis.of(inWidth, outWidth);
        float[] out = new float[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            int r0 = ys.lower[y] * inWidth;
            int r1 = ys.upper[y] * inWidth;
            float wy = ys.weight[y];
            for (int x = 0; x < outWidth; x++) {
                float wx = xs.weight[x];
                int c0 = xs.lower[x];
                int c1 = xs.upper[x];
                float top = (1 - wx) * values[r0 + c0] + wx * values[r0 + c1];
                float bottom = (1 - wx) * values[r1 + c0] + wx * values[r1 + c1];
                out[y * outWidth + x] = (1 - wy) * top + wy * bottom;
            }
        }
        return out;
    }

    /** Source indices and weight of the upper one, per output index along one axis. */
    private record Axis(int[] lower, int[] upper, float[] weight) {
        static Axis of(int in, int out) {
            int[] lower = new int[out];
            int[] upper = new int[out];
            float[] weight = new float[out];
            // PyTorch computes the scale as in/out in float (area_pixel_compute_scale).
            float scale = (float) in / out;
            for (int i = 0; i < out; i++) {
                float src = Math.max(0f, scale * (i + 0.5f) - 0.5f);
                int i0 = Math.min((int) src, in - 1);
                lower[i] = i0;
                upper[i] = i0 < in - 1 ? i0 + 1 : i0;
                weight[i] = src - i0;
            }
            return new Axis(lower, upper, weight);
        }
    }
}
