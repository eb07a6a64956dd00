package org.glassbox.explain;

import java.util.Arrays;

/**
 * A 2-D map of attributions, row-major, {@code height × width} float values. Units depend on the
 * method (CAM: non-negative relevance; IG/SHAP: contribution to the explained output, signed).
 * NaN never appears in a map a method returns. Immutable: {@link #values()} returns a copy.
 */
public final class SaliencyMap {
    private final int height;
    private final int width;
    private final float[] values;

    /** Takes ownership of {@code values}. */
    public SaliencyMap(int height, int width, float[] values) {
        if (height <= 0 || width <= 0 || (long) height * width != values.length) {
            throw new IllegalArgumentException("a " + height + "×" + width + " map needs " + (long) height * width
                    + " values, got " + values.length);
        }
        this.height = height;
        this.width = width;
        this.values = values;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public float get(int y, int x) {
        return values[y * width + x];
    }

    /** A copy of the values, row-major. */
    public float[] values() {
        return values.clone();
    }

    /** Sum of all values (double accumulation). */
    public double sum() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaliencyMap m && m.height == height && m.width == width && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SaliencyMap[" + height + "×" + width + "]";
    }
}
