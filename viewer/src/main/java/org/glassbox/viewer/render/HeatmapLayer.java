package org.glassbox.viewer.render;

import java.util.Arrays;

/**
 * An explanation map prepared for display: smoothed and scaled to [0, 1] once per style change,
 * then blended over the rendered image for any viewport. The map covers its {@link MapFootprint} —
 * by default the image's full extent (map pixel (i, j) spans image pixels [j·W/w, (j+1)·W/w) ×
 * [i·H/h, (i+1)·H/h)); a model that centre-crops sees, and explains, only part of the image — and is sampled
 * bilinearly with the half-pixel convention of {@code torch.nn.functional.interpolate(align_corners=False)},
 * the same as the explanation methods use to upsample.
 */
public final class HeatmapLayer {
    private final float[] unit;
    private final int mapHeight;
    private final int mapWidth;
    private final int imageWidth;
    private final int imageHeight;
    private final MapFootprint footprint;
    private final HeatmapStyle style;

    private HeatmapLayer(float[] unit, int mapHeight, int mapWidth, int imageWidth, int imageHeight, MapFootprint footprint,
                         HeatmapStyle style) {
        this.unit = unit;
        this.mapHeight = mapHeight;
        this.mapWidth = mapWidth;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.footprint = footprint;
        this.style = style;
    }

    /**
     * @param map row-major {@code mapHeight × mapWidth} raw values (NaN treated as 0)
     * @throws IllegalArgumentException when the sizes disagree
     */
    public static HeatmapLayer prepare(float[] map, int mapHeight, int mapWidth, int imageWidth, int imageHeight,
                                       HeatmapStyle style) {
        return prepare(map, mapHeight, mapWidth, imageWidth, imageHeight, MapFootprint.whole(imageWidth, imageHeight), style);
    }

    /**
     * A map covering only {@code footprint} of the image (e.g. a centre-cropping model's field of view).
     *
     * @param map row-major {@code mapHeight × mapWidth} raw values (NaN treated as 0)
     * @throws IllegalArgumentException when the sizes disagree
     */
    public static HeatmapLayer prepare(float[] map, int mapHeight, int mapWidth, int imageWidth, int imageHeight,
                                       MapFootprint footprint, HeatmapStyle style) {
        if (mapHeight < 1 || mapWidth < 1 || (long) mapHeight * mapWidth != map.length) {
            throw new IllegalArgumentException("a " + mapHeight + "×" + mapWidth + " map needs " + (long) mapHeight * mapWidth
                    + " values, got " + map.length);
        }
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("image must be at least 1×1");
        }
        float[] v = map.clone();
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                v[i] = 0;
            }
        }
        if (style.smoothingSigma() > 0) {
            v = GaussianBlur.blur(v, mapHeight, mapWidth, style.smoothingSigma());
        }
        return new HeatmapLayer(scale(v, style.scaling()), mapHeight, mapWidth, imageWidth, imageHeight,
                java.util.Objects.requireNonNull(footprint, "footprint"), style);
    }

    public HeatmapStyle style() {
        return style;
    }

    /** The part of the image the map covers, in image pixels. */
    public MapFootprint footprint() {
        return footprint;
    }

    /** The scaled value in [0, 1] at an image point (bilinear), e.g. for a readout under the pointer. */
    public double unitAt(double imageX, double imageY) {
        double mx = (imageX - footprint.left()) * mapWidth / footprint.width() - 0.5;
        double my = (imageY - footprint.top()) * mapHeight / footprint.height() - 0.5;
        return bilinear(mx, my);
    }

    /**
     * Blends the map over {@code argb} (the rendered image for {@code viewport}) in place: colour =
     * image × (1 − opacity) + colormap(value) × opacity where value ≥ threshold (under
     * {@link HeatmapStyle.Scaling#SIGNED}: where |2·value − 1| ≥ threshold and the value is not the
     * neutral middle) and the point lies on the image; elsewhere the image is left as it is.
     */
    public void composite(Viewport viewport, int[] argb) {
        int vw = viewport.viewWidth();
        int vh = viewport.viewHeight();
        if (argb.length != vw * vh) {
            throw new IllegalArgumentException("buffer holds " + argb.length + " pixels, view is " + vw + "×" + vh);
        }
        double a = style.opacity();
        if (a == 0) {
            return;
        }
        int[] colours = style.colormap().table();
        double threshold = style.threshold();
        boolean signed = style.scaling() == HeatmapStyle.Scaling.SIGNED;
        double[] mapX = new double[vw];
        boolean[] insideX = new boolean[vw];
        for (int sx = 0; sx < vw; sx++) {
            double ix = viewport.imageX(sx + 0.5);
            insideX[sx] = ix >= 0 && ix < imageWidth && footprint.containsX(ix);
            mapX[sx] = (ix - footprint.left()) * mapWidth / footprint.width() - 0.5;
        }
        java.util.stream.IntStream.range(0, vh).parallel().forEach(sy -> {
            double iy = viewport.imageY(sy + 0.5);
            if (iy < 0 || iy >= imageHeight || !footprint.containsY(iy)) {
                return;
            }
            double my = (iy - footprint.top()) * mapHeight / footprint.height() - 0.5;
            int o = sy * vw;
            for (int sx = 0; sx < vw; sx++) {
                if (!insideX[sx]) {
                    continue;
                }
                double v = bilinear(mapX[sx], my);
                if (signed ? Math.abs(2 * v - 1) < Math.max(threshold, 1e-6) : v < threshold || v <= 0) {
                    continue;
                }
                int c = colours[(int) Math.round(Math.min(1, v) * 255)];
                argb[o + sx] = blend(argb[o + sx], c, a);
            }
        });
    }

    static int blend(int under, int over, double alpha) {
        int r = (int) Math.round(((under >> 16) & 0xFF) * (1 - alpha) + ((over >> 16) & 0xFF) * alpha);
        int g = (int) Math.round(((under >> 8) & 0xFF) * (1 - alpha) + ((over >> 8) & 0xFF) * alpha);
        int b = (int) Math.round((under & 0xFF) * (1 - alpha) + (over & 0xFF) * alpha);
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }

    private double bilinear(double mx, double my) {
        return Bilinear.at(unit, mapHeight, mapWidth, mx, my);
    }

    static float[] scale(float[] v, HeatmapStyle.Scaling scaling) {
        float[] out = new float[v.length];
        double denominator;
        switch (scaling) {
            case POSITIVE -> {
                double max = 0;
                for (float x : v) {
                    max = Math.max(max, x);
                }
                denominator = max;
                for (int i = 0; i < v.length; i++) {
                    out[i] = Math.max(0, v[i]);
                }
            }
            case SIGNED -> {
                double max = 0;
                for (float x : v) {
                    max = Math.max(max, Math.abs(x));
                }
                if (!(max > 0)) {
                    Arrays.fill(out, 0.5f); // all zero: the neutral middle, which composite leaves undrawn
                    return out;
                }
                for (int i = 0; i < v.length; i++) {
                    out[i] = (float) (0.5 + 0.5 * v[i] / max);
                }
                return out;
            }
            case ABSOLUTE -> {
                double max = 0;
                for (int i = 0; i < v.length; i++) {
                    out[i] = Math.abs(v[i]);
                    max = Math.max(max, out[i]);
                }
                denominator = max;
            }
            default -> {
                for (int i = 0; i < v.length; i++) {
                    out[i] = Math.abs(v[i]);
                }
                float[] sorted = out.clone();
                Arrays.sort(sorted);
                denominator = sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)];
            }
        }
        if (!(denominator > 0)) {
            Arrays.fill(out, 0); // an all-zero (or all-negative under POSITIVE) map shows nothing
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.min(1, out[i] / denominator);
        }
        return out;
    }
}
