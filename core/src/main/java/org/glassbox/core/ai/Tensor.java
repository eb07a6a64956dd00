package org.glassbox.core.ai;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major (C) order, e.g. a batch of images as NCHW. Immutable: the
 * data array is owned and never exposed; {@link #data()} returns a copy, {@link #get(int)} reads
 * one element.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    /** Takes ownership of {@code data}; the caller must not keep a reference. */
    public Tensor(int[] shape, float[] data) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** A copy of the values. */
    public float[] data() {
        return data.clone();
    }

    /** Copies the values into {@code target} at {@code offset}. */
    public void copyTo(float[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** Row {@code n} of the first axis as a tensor of rank - 1 (e.g. one image of a batch). */
    public Tensor slice(int n) {
        int[] inner = Arrays.copyOfRange(shape, 1, shape.length);
        int stride = data.length / shape[0];
        return new Tensor(inner, Arrays.copyOfRange(data, n * stride, (n + 1) * stride));
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
