package org.glassbox.inference.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorProto;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns ONNX {@code TensorProto}s (initializers, Constant attributes, test data) into ND4J arrays,
 * checking element counts before anything reaches ND4J. Supported element types: float32, float64,
 * int64, int32 and bool; raw little-endian data or the typed repeated fields (onnx.proto's
 * TensorProto comments). External data is refused.
 */
final class TensorProtos {
    /** Refuse tensors above this many elements (a corrupt dims field must not allocate 2^60 floats). */
    static final long MAX_ELEMENTS = 1L << 31;

    private TensorProtos() {
    }

    /** Name of an ONNX TensorProto.DataType code, for messages. */
    static String typeName(int code) {
        return switch (code) {
            case 1 -> "float32";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case 6 -> "int32";
            case 7 -> "int64";
            case 8 -> "string";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "float64";
            case 12 -> "uint32";
            case 13 -> "uint64";
            case 16 -> "bfloat16";
            default -> "type " + code;
        };
    }

    static boolean isSupported(int code) {
        return code == 1 || code == 6 || code == 7 || code == 9 || code == 11;
    }

    static INDArray toArray(TensorProto t) throws OnnxFormatException {
        String what = "tensor '" + t.getName() + "'";
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new OnnxFormatException(what + " keeps its data in an external file, which is not supported");
        }
        long[] shape = new long[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getDims(i);
            if (shape[i] < 0) {
                throw new OnnxFormatException(what + " has a negative dimension: " + t.getDimsList());
            }
            n = Math.multiplyExact(n, shape[i]);
            if (n > MAX_ELEMENTS) {
                throw new OnnxFormatException(what + " is too large: " + t.getDimsList());
            }
        }
        int count = (int) n;
        int type = t.getDataType();
        ByteString raw = t.getRawData();
        boolean hasRaw = t.hasRawData();
        return switch (type) {
            case 1 -> {
                float[] v = new float[count];
                if (hasRaw) {
                    rawBuffer(raw, count, 4, what).asFloatBuffer().get(v);
                } else {
                    checkCount(t.getFloatDataCount(), count, what);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getFloatData(i);
                    }
                }
                yield create(Nd4j.createFromArray(v), shape, DataType.FLOAT);
            }
            case 11 -> {
                double[] v = new double[count];
                if (hasRaw) {
                    rawBuffer(raw, count, 8, what).asDoubleBuffer().get(v);
                } else {
                    checkCount(t.getDoubleDataCount(), count, what);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getDoubleData(i);
                    }
                }
                yield create(Nd4j.createFromArray(v), shape, DataType.DOUBLE);
            }
            case 7 -> {
                long[] v = new long[count];
                if (hasRaw) {
                    rawBuffer(raw, count, 8, what).asLongBuffer().get(v);
                } else {
                    checkCount(t.getInt64DataCount(), count, what);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getInt64Data(i);
                    }
                }
                yield create(Nd4j.createFromArray(v), shape, DataType.LONG);
            }
            case 6 -> {
                int[] v = new int[count];
                if (hasRaw) {
                    rawBuffer(raw, count, 4, what).asIntBuffer().get(v);
                } else {
                    checkCount(t.getInt32DataCount(), count, what);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getInt32Data(i);
                    }
                }
                yield create(Nd4j.createFromArray(v), shape, DataType.INT);
            }
            case 9 -> {
                boolean[] v = new boolean[count];
                if (hasRaw) {
                    ByteBuffer b = rawBuffer(raw, count, 1, what);
                    for (int i = 0; i < count; i++) {
                        v[i] = b.get(i) != 0;
                    }
                } else {
                    // bools are stored in int32_data
                    checkCount(t.getInt32DataCount(), count, what);
                    for (int i = 0; i < count; i++) {
                        v[i] = t.getInt32Data(i) != 0;
                    }
                }
                yield create(Nd4j.createFromArray(v), shape, DataType.BOOL);
            }
            default -> throw new OnnxFormatException(what + " has element type " + typeName(type)
                    + "; supported: float32, float64, int64, int32, bool");
        };
    }

    private static INDArray create(INDArray flat, long[] shape, DataType type) {
        if (flat.length() == 0) {
            return Nd4j.create(type, shape);
        }
        if (shape.length == 0) {
            return flat.reshape(new long[0]);
        }
        return flat.reshape('c', shape);
    }

    private static ByteBuffer rawBuffer(ByteString raw, int count, int width, String what) throws OnnxFormatException {
        if ((long) raw.size() != (long) count * width) {
            throw new OnnxFormatException(what + " holds " + raw.size() + " bytes of raw data, its shape needs "
                    + (long) count * width);
        }
        return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkCount(int have, int need, String what) throws OnnxFormatException {
        if (have != need) {
            throw new OnnxFormatException(what + " holds " + have + " values, its shape needs " + need);
        }
    }

    /** Shape for messages. */
    static String shapeText(long[] shape) {
        return Arrays.toString(shape);
    }
}
