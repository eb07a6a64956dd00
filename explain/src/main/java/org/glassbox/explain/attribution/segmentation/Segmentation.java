package org.glassbox.explain.attribution.segmentation;

import java.util.Arrays;

/**
 * A partition of an H × W image into {@code count} segments (superpixels or grid cells): each pixel's
 * segment label in [0, count), row-major. Every label in the range has at least one pixel. Immutable.
 */
public final class Segmentation {
    private final int height;
    private final int width;
    private final int count;
    private final int[] labels;

    /**
     * Takes ownership of {@code labels}; relabels them to [0, count) in raster order of first appearance,
     * so ids are dense whatever the producer used.
     *
     * @throws IllegalArgumentException when the size does not match or a label is negative
     */
    public Segmentation(int height, int width, int[] labels) {
        if (height <= 0 || width <= 0 || (long) height * width != labels.length) {
            throw new IllegalArgumentException("a " + height + "×" + width + " segmentation needs " + (long) height * width
                    + " labels, got " + labels.length);
        }
        int max = -1;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("negative segment label " + label);
            }
            max = Math.max(max, label);
        }
        int[] dense = new int[max + 1];
        Arrays.fill(dense, -1);
        int next = 0;
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (dense[label] < 0) {
                dense[label] = next++;
            }
            labels[i] = dense[label];
        }
        this.height = height;
        this.width = width;
        this.count = next;
        this.labels = labels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of segments, ≥ 1. */
    public int count() {
        return count;
    }

    public int label(int y, int x) {
        return labels[y * width + x];
    }

    /** A copy of the labels, row-major. */
    public int[] labels() {
        return labels.clone();
    }

    /** Pixels per segment. */
    public int[] sizes() {
        int[] sizes = new int[count];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }

    /** Centroid (y, x) of each segment, in pixels. */
    public double[][] centroids() {
        double[][] c = new double[count][2];
        int[] sizes = sizes();
        for (int i = 0; i < labels.length; i++) {
            c[labels[i]][0] += i / width;
            c[labels[i]][1] += i % width;
        }
        for (int s = 0; s < count; s++) {
            c[s][0] /= sizes[s];
            c[s][1] /= sizes[s];
        }
        return c;
    }

    /** Segment values laid out on the image: pixel p gets {@code values[label(p)]}. */
    public float[] paint(double[] values) {
        if (values.length != count) {
            throw new IllegalArgumentException(count + " segments, got " + values.length + " values");
        }
        float[] out = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = (float) values[labels[i]];
        }
        return out;
    }
}
