package org.glassbox.inference.onnx;

import java.util.Locale;

/**
 * How close a computed tensor is to a reference, with the parity measure used for PyTorch
 * comparisons: element i's relative error is {@code |a_i - b_i| / max(|b_i|, s / 10)}, where
 * {@code s = max_j |b_j|} is the reference's scale. The floor keeps near-zero elements from being
 * judged against float32 rounding noise: PyTorch's own float32 logits differ from its float64 logits
 * by up to 1e-5 under this measure (docs/onnx-parity.md), but by up to 3e-4 if the floor were
 * 1e-3 · s. Passing at 1e-4 is the same as numpy {@code allclose(a, b, rtol=1e-4, atol=1e-5 * s)}
 * up to where the two bounds meet.
 *
 * @param maxAbs   max |a_i - b_i|
 * @param maxRel   max relative error as defined above (NaN anywhere in {@code a} gives +infinity)
 * @param scale    s = max |b_j|
 * @param worstAt  flat index of the element with the largest relative error
 */
record Closeness(double maxAbs, double maxRel, double scale, int worstAt) {

    static Closeness of(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values, expected " + expected.length);
        }
        double scale = 0;
        for (float b : expected) {
            scale = Math.max(scale, Math.abs(b));
        }
        double floor = Math.max(scale / 10, Double.MIN_NORMAL);
        double maxAbs = 0;
        double maxRel = 0;
        int worst = -1;
        for (int i = 0; i < actual.length; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(diff)) {
                diff = Double.POSITIVE_INFINITY;
            }
            double rel = diff / Math.max(Math.abs(expected[i]), floor);
            maxAbs = Math.max(maxAbs, diff);
            if (rel > maxRel || worst < 0) {
                maxRel = Math.max(rel, maxRel);
                worst = i;
            }
        }
        return new Closeness(maxAbs, maxRel, scale, worst);
    }

    boolean within(double tolerance) {
        return maxRel <= tolerance;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "max abs %.3e, max rel %.3e (scale %.4g, worst at flat index %d)", maxAbs, maxRel, scale, worstAt);
    }
}
