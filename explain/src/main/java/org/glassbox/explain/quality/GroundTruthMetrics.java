package org.glassbox.explain.quality;

import org.glassbox.explain.SaliencyMap;

/**
 * How well a map agrees with a ground-truth region. The map and the mask must be on the same grid
 * (an {@link IllegalArgumentException} names both sizes otherwise); masks must not be empty.
 */
public final class GroundTruthMetrics {
    /** Zhang et al. (2016, "Top-down neural attention by excitation backprop"): 15 pixels. */
    public static final double DEFAULT_POINTING_TOLERANCE_PX = 15;

    private GroundTruthMetrics() {
    }

    /**
     * Pointing game (Zhang et al. 2016): a hit when the map's maximum lies inside the region or
     * within {@code tolerancePx} (Euclidean distance in map pixels) of it. Of tied maxima the first
     * in row-major order counts; NaN values are ignored.
     *
     * @return 1 for a hit, 0 for a miss
     */
    public static double pointingGame(SaliencyMap map, RegionMask mask, double tolerancePx) {
        mask.requireSameGrid(map.height(), map.width());
        requireNonEmpty(mask);
        if (!(tolerancePx >= 0)) {
            throw new IllegalArgumentException("pointing tolerance must be ≥ 0 pixels, got " + tolerancePx);
        }
        float[] v = map.values();
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (!Float.isNaN(v[i]) && (best < 0 || v[i] > v[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return 0;
        }
        int w = map.width();
        int by = best / w;
        int bx = best % w;
        double limit = tolerancePx * tolerancePx;
        for (int i = 0; i < v.length; i++) {
            if (mask.inside(i)) {
                int dy = i / w - by;
                int dx = i % w - bx;
                if (dy * dy + dx * dx <= limit) {
                    return 1;
                }
            }
        }
        return 0;
    }

    /**
     * Energy-based pointing game (Wang et al. 2020, Score-CAM): the share of the map's positive
     * energy Σ max(m, 0) that falls inside the region, in [0, 1]. NaN when the map has no positive
     * value (the share is undefined).
     */
    public static double energyPointing(SaliencyMap map, RegionMask mask) {
        mask.requireSameGrid(map.height(), map.width());
        requireNonEmpty(mask);
        float[] v = map.values();
        double inside = 0;
        double total = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0) {
                total += v[i];
                if (mask.inside(i)) {
                    inside += v[i];
                }
            }
        }
        return total > 0 ? inside / total : Double.NaN;
    }

    /**
     * Intersection over union between the map's top {@code percent} % pixels (⌈percent · N / 100⌉
     * pixels by {@link PixelRanking#of}, ties in row-major order) and the region, in [0, 1].
     *
     * @param percent in (0, 100]
     */
    public static double iouAtTopPercent(SaliencyMap map, RegionMask mask, double percent) {
        mask.requireSameGrid(map.height(), map.width());
        requireNonEmpty(mask);
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("top-k% must be in (0, 100], got " + percent);
        }
        PixelRanking ranking = PixelRanking.of(map);
        int n = ranking.size();
        int top = (int) Math.min(n, Math.ceil(percent * n / 100.0 - 1e-9));
        int intersection = 0;
        for (int r = 0; r < top; r++) {
            if (mask.inside(ranking.pixelAt(r))) {
                intersection++;
            }
        }
        int union = top + mask.area() - intersection;
        return (double) intersection / union;
    }

    private static void requireNonEmpty(RegionMask mask) {
        if (mask.area() == 0) {
            throw new IllegalArgumentException("the ground-truth mask is empty");
        }
    }
}
