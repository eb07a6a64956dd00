package org.glassbox.core.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional array as stored in a {@code .npy} file: element type, shape (C order,
 * last index fastest) and the elements as little-endian bytes. The byte array is owned by this
 * object; the typed accessors return copies.
 */
public final class NpyArray {
    /** Largest element count accepted (2^31 - 1 bytes of data at most). */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    private final NpyDtype dtype;
    private final int[] shape;
    private final byte[] data;

    private NpyArray(NpyDtype dtype, int[] shape, byte[] data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long count = elementCount(this.shape);
        if (count * dtype.itemSize() != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + count * dtype.itemSize() + " bytes, got " + data.length);
        }
        this.data = data;
    }

    /** Product of the dimensions (1 for a 0-d array); every dimension must be &ge; 0. */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > MAX_BYTES) {
                throw new IllegalArgumentException("array too large: shape " + Arrays.toString(shape));
            }
        }
        return n;
    }

    /** Wraps little-endian element bytes (taken over, not copied). */
    static NpyArray ofBytes(NpyDtype dtype, byte[] littleEndianData, int... shape) {
        return new NpyArray(dtype, shape, littleEndianData);
    }

    public static NpyArray ofFloat32(float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT32, shape, b.array());
    }

    /** Unsigned bytes: each {@code byte} is read as 0..255. */
    public static NpyArray ofUint8(byte[] values, int... shape) {
        return new NpyArray(NpyDtype.UINT8, shape, values.clone());
    }

    public static NpyArray ofInt16(short[] values, int... shape) {
        return new NpyArray(NpyDtype.INT16, shape, shortBytes(values));
    }

    /** Unsigned 16-bit: each {@code short} holds the low 16 bits of a value 0..65535. */
    public static NpyArray ofUint16(short[] values, int... shape) {
        return new NpyArray(NpyDtype.UINT16, shape, shortBytes(values));
    }

    private static byte[] shortBytes(short[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(values);
        return b.array();
    }

    public NpyDtype dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public long size() {
        return elementCount(shape);
    }

    /** The little-endian element bytes (a copy). */
    public byte[] bytes() {
        return data.clone();
    }

    /** Byte count of the data, without copying. */
    int byteLength() {
        return data.length;
    }

    /** Package-internal view for the writer, no copy. */
    byte[] rawBytes() {
        return data;
    }

    /** Every element widened to double (unsigned types read as unsigned). */
    public double[] toDoubleArray() {
        int n = (int) size();
        double[] out = new double[n];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case FLOAT32 -> b.getFloat(i * 4);
                case UINT8 -> data[i] & 0xFF;
                case INT16 -> b.getShort(i * 2);
                case UINT16 -> b.getShort(i * 2) & 0xFFFF;
            };
        }
        return out;
    }

    /** Elements of a FLOAT32 array. */
    public float[] toFloatArray() {
        require(NpyDtype.FLOAT32);
        float[] out = new float[(int) size()];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** Elements of a UINT8 array as raw bytes (mask with 0xFF for 0..255). */
    public byte[] toByteArray() {
        require(NpyDtype.UINT8);
        return data.clone();
    }

    /** Elements of an INT16 or UINT16 array as raw shorts (mask with 0xFFFF for UINT16). */
    public short[] toShortArray() {
        if (dtype != NpyDtype.INT16 && dtype != NpyDtype.UINT16) {
            throw new IllegalStateException("array is " + dtype + ", not a 16-bit type");
        }
        short[] out = new short[(int) size()];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private void require(NpyDtype expected) {
        if (dtype != expected) {
            throw new IllegalStateException("array is " + dtype + ", not " + expected);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && a.dtype == dtype && Arrays.equals(a.shape, shape) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
