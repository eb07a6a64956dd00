package org.glassbox.explain.quality;

import java.util.Arrays;

/**
 * A ground-truth region on a map's pixel grid (row-major, {@code true} inside), e.g. a lesion
 * mask of the synthetic cohort resized to the model input.
 */
public final class RegionMask {
    private final int height;
    private final int width;
    private final boolean[] inside;

    private RegionMask(int height, int width, boolean[] inside) {
        if (height <= 0 || width <= 0 || (long) height * width != inside.length) {
            throw new IllegalArgumentException("a " + height + "×" + width + " mask needs " + (long) height * width
                    + " values, got " + inside.length);
        }
        this.height = height;
        this.width = width;
        this.inside = inside;
    }

    /** Non-zero values are inside (NaN is outside). */
    public static RegionMask of(int height, int width, float[] values) {
        boolean[] in = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            in[i] = values[i] != 0 && !Float.isNaN(values[i]);
        }
        return new RegionMask(height, width, in);
    }

    /** Non-zero bytes are inside. */
    public static RegionMask of(int height, int width, byte[] values) {
        boolean[] in = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            in[i] = values[i] != 0;
        }
        return new RegionMask(height, width, in);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public boolean inside(int flatIndex) {
        return inside[flatIndex];
    }

    /** Pixels inside. */
    public int area() {
        int n = 0;
        for (boolean b : inside) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** @throws IllegalArgumentException when the grids differ, naming both sizes */
    void requireSameGrid(int mapHeight, int mapWidth) {
        if (mapHeight != height || mapWidth != width) {
            throw new IllegalArgumentException("mask size mismatch: the mask is " + height + "×" + width + " but the map is "
                    + mapHeight + "×" + mapWidth);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionMask m && m.height == height && m.width == width && Arrays.equals(m.inside, inside);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(inside);
    }
}
