package org.glassbox.viewer.render;

import java.util.Objects;

/**
 * How an explanation map is drawn over the image.
 *
 * @param colormap        colour of the normalised value
 * @param opacity         in [0, 1]: 0 invisible, 1 opaque colour
 * @param threshold       in [0, 1]: normalised values below it are not drawn (the image shows through)
 * @param smoothingSigma  Gaussian smoothing of the map before display, in map pixels; 0 = none
 * @param scaling         how raw values become [0, 1]
 */
public record HeatmapStyle(Colormap colormap, double opacity, double threshold, double smoothingSigma, Scaling scaling) {
    public HeatmapStyle {
        Objects.requireNonNull(colormap, "colormap");
        Objects.requireNonNull(scaling, "scaling");
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (!(smoothingSigma >= 0 && smoothingSigma <= 50)) {
            throw new IllegalArgumentException("smoothing sigma must be in [0, 50] map pixels, got " + smoothingSigma);
        }
    }

    /** Viridis at 45% opacity, values under 20% hidden, no smoothing, positive part scaled by its maximum. */
    public static HeatmapStyle defaults() {
        return new HeatmapStyle(Colormap.VIRIDIS, 0.45, 0.2, 0, Scaling.POSITIVE);
    }

    public HeatmapStyle withColormap(Colormap c) {
        return new HeatmapStyle(c, opacity, threshold, smoothingSigma, scaling);
    }

    public HeatmapStyle withOpacity(double o) {
        return new HeatmapStyle(colormap, o, threshold, smoothingSigma, scaling);
    }

    public HeatmapStyle withThreshold(double t) {
        return new HeatmapStyle(colormap, opacity, t, smoothingSigma, scaling);
    }

    public HeatmapStyle withSmoothing(double sigma) {
        return new HeatmapStyle(colormap, opacity, threshold, sigma, scaling);
    }

    /** Raw map values to [0, 1]. */
    public enum Scaling {
        /** Negative values to 0, divided by the maximum (CAM maps; the positive evidence of IG/SHAP). */
        POSITIVE,
        /** |value| divided by the largest |value| (evidence for and against alike). */
        ABSOLUTE,
        /** |value| divided by its 99th percentile, clipped — the usual display of IG maps, whose few extreme pixels would otherwise wash the rest out. */
        PERCENTILE_99,
        /**
         * Signed: value / largest |value| mapped to [0, 1] with 0 at 0.5 (−max → 0, +max → 1), for a
         * diverging colour map; the threshold then hides points whose |value| / max is below it.
         */
        SIGNED
    }
}
