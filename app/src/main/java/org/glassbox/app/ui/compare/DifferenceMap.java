package org.glassbox.app.ui.compare;

import java.util.Objects;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.cam.BilinearUpsampler;

/**
 * Model A's explanation map minus model B's, for the same image, target label and method, on A's grid
 * (the model input resolution of A). Each map is first normalised as the compare panes show it:
 * divided by its own largest |value| (sign kept, NaN counted as 0; an all-zero map stays zero), so a
 * Grad-CAM map (already ≥ 0) lies in [0, 1] and a signed attribution map in [−1, 1]. When the models'
 * input sizes differ, B's map is resampled bilinearly onto A's grid first (the half-pixel convention
 * of {@code torch.nn.functional.interpolate(align_corners=False)}, as the explainers upsample).
 * Hence every value lies in [−2, 2]: positive where A attends more than B, negative where B does.
 *
 * @param height  rows (A's map height)
 * @param width   columns (A's map width)
 * @param values  row-major A′ − B′, never NaN
 * @param maxAbs  largest |value| (0 for identical maps); the diverging overlay's full colour
 */
public record DifferenceMap(int height, int width, float[] values, double maxAbs) {
    public DifferenceMap {
        Objects.requireNonNull(values, "values");
        if ((long) height * width != values.length) {
            throw new IllegalArgumentException("a " + height + "×" + width + " map needs " + (long) height * width + " values, got " + values.length);
        }
    }

    /** A′ − B′ on A's grid, as described above. */
    public static DifferenceMap of(SaliencyMap a, SaliencyMap b) {
        float[] na = normalised(a.values());
        float[] nb = normalised(b.values());
        if (b.height() != a.height() || b.width() != a.width()) {
            nb = BilinearUpsampler.resize(nb, b.height(), b.width(), a.height(), a.width());
        }
        float[] d = new float[na.length];
        double max = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = na[i] - nb[i];
            max = Math.max(max, Math.abs(d[i]));
        }
        return new DifferenceMap(a.height(), a.width(), d, max);
    }

    /** {@code values} divided by their largest |value|, NaN as 0; all zeros (or all NaN) give zeros. */
    public static float[] normalised(float[] values) {
        float[] out = new float[values.length];
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            float v = Float.isNaN(values[i]) ? 0 : values[i];
            out[i] = v;
            max = Math.max(max, Math.abs(v));
        }
        if (max > 0 && Double.isFinite(max)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] / max);
            }
        }
        return out;
    }
}
