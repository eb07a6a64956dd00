package org.glassbox.core.imaging;

import java.util.Objects;

/**
 * A float image in planar (channel-major) order, C × H × W, row-major within a plane: the layout of
 * one sample of an NCHW model input. Values are whatever the stage that produced it says (e.g. [0, 1]
 * after windowing). The array is owned: {@link #data()} returns a copy, {@link #get} reads one value.
 */
public final class PlanarImage {
    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    /** Takes ownership of {@code data}. */
    public PlanarImage(int channels, int height, int width, float[] data) {
        Objects.requireNonNull(data, "data");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("channels, height and width must be >= 1: " + channels + "x" + height + "x" + width);
        }
        if ((long) channels * height * width != data.length) {
            throw new IllegalArgumentException(channels + "x" + height + "x" + width + " holds " + (long) channels * height * width
                    + " values, data has " + data.length);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of values, C × H × W. */
    public int size() {
        return data.length;
    }

    public float get(int channel, int row, int column) {
        return data[(channel * height + row) * width + column];
    }

    /** A copy of the values, C × H × W. */
    public float[] data() {
        return data.clone();
    }

    /** Copies the values into {@code target} at {@code offset} (e.g. one image of a batch). */
    public void copyTo(float[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** The backing array, for this package's stages only (no copy). */
    float[] raw() {
        return data;
    }

    @Override
    public String toString() {
        return "PlanarImage[" + channels + "x" + height + "x" + width + "]";
    }
}
