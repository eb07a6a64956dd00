package org.glassbox.app.ui.compare;

import java.util.Objects;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.cam.BilinearUpsampler;
import org.glassbox.viewer.render.MapFootprint;

/**
 * Model A's explanation map minus model B's, for the same image, target label and method. Each map
 * is first normalised as the compare panes show it: divided by its own largest |value| (sign kept,
 * NaN counted as 0; an all-zero map stays zero), so a Grad-CAM map (already ≥ 0) lies in [0, 1] and
 * a signed attribution map in [−1, 1]. Hence every value lies in [−2, 2]: positive where A attends
 * more than B, negative where B does.
 *
 * <p>Each map covers its model's {@link MapFootprint} on the source frame (the whole frame, or the
 * centre when the model crops). When both cover the same footprint the difference is on A's grid,
 * B's map resampled bilinearly onto it when the sizes differ (the half-pixel convention of
 * {@code torch.nn.functional.interpolate(align_corners=False)}, as the explainers upsample). When the
 * footprints differ the difference covers only their common part, at A's cell size, both maps
 * sampled bilinearly (same convention, in source-image coordinates) at each cell's centre.
 *
 * @param height    rows
 * @param width     columns
 * @param values    row-major A′ − B′, never NaN
 * @param maxAbs    largest |value| (0 for identical maps); the diverging overlay's full colour
 * @param footprint the part of the source frame the difference covers
 */
public record DifferenceMap(int height, int width, float[] values, double maxAbs, MapFootprint footprint) {
    public DifferenceMap {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(footprint, "footprint");
        if ((long) height * width != values.length) {
            throw new IllegalArgumentException("a " + height + "×" + width + " map needs " + (long) height * width + " values, got " + values.length);
        }
    }

    /** A′ − B′ for two maps covering the same area, on A's grid (footprint: the unit square, for tests of the maths). */
    static DifferenceMap of(SaliencyMap a, SaliencyMap b) {
        MapFootprint same = new MapFootprint(0, 0, 1, 1);
        return of(a, same, b, same);
    }

    /**
     * A′ − B′ in the footprints' common part, as described above.
     *
     * @param footprintA where A's map lies on the source frame (see {@link MapFootprint#ofModelInput})
     * @param footprintB where B's map lies
     * @throws IllegalArgumentException when the footprints do not overlap
     */
    public static DifferenceMap of(SaliencyMap a, MapFootprint footprintA, SaliencyMap b, MapFootprint footprintB) {
        float[] na = normalised(a.values());
        float[] nb = normalised(b.values());
        if (footprintA.equals(footprintB)) {
            if (b.height() != a.height() || b.width() != a.width()) {
                nb = BilinearUpsampler.resize(nb, b.height(), b.width(), a.height(), a.width());
            }
            return difference(a.height(), a.width(), na, nb, footprintA);
        }
        double left = Math.max(footprintA.left(), footprintB.left());
        double top = Math.max(footprintA.top(), footprintB.top());
        double right = Math.min(footprintA.left() + footprintA.width(), footprintB.left() + footprintB.width());
        double bottom = Math.min(footprintA.top() + footprintA.height(), footprintB.top() + footprintB.height());
        if (!(right > left) || !(bottom > top)) {
            throw new IllegalArgumentException("models A and B see parts of the image that do not overlap: no A − B map");
        }
        MapFootprint common = new MapFootprint(left, top, right - left, bottom - top);
        // A's cell size, so the common part is shown at A's resolution.
        int w = Math.max(1, (int) Math.round(common.width() * a.width() / footprintA.width()));
        int h = Math.max(1, (int) Math.round(common.height() * a.height() / footprintA.height()));
        float[] sa = new float[w * h];
        float[] sb = new float[w * h];
        for (int y = 0; y < h; y++) {
            double imageY = top + (y + 0.5) * common.height() / h;
            for (int x = 0; x < w; x++) {
                double imageX = left + (x + 0.5) * common.width() / w;
                sa[y * w + x] = sample(na, a.height(), a.width(), footprintA, imageX, imageY);
                sb[y * w + x] = sample(nb, b.height(), b.width(), footprintB, imageX, imageY);
            }
        }
        return difference(h, w, sa, sb, common);
    }

    private static DifferenceMap difference(int h, int w, float[] na, float[] nb, MapFootprint footprint) {
        float[] d = new float[na.length];
        double max = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = na[i] - nb[i];
            max = Math.max(max, Math.abs(d[i]));
        }
        return new DifferenceMap(h, w, d, max, footprint);
    }

    /**
     * Bilinear value of a {@code h × w} map lying on {@code fp} at source-image point (x, y): the grid
     * coordinate of a cell's centre is its index + 0.5; coordinates are clamped to the outer centres.
     */
    static float sample(float[] map, int h, int w, MapFootprint fp, double x, double y) {
        return (float) org.glassbox.viewer.render.Bilinear.at(map, h, w, fp.toGridX(x, w) - 0.5, fp.toGridY(y, h) - 0.5);
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
