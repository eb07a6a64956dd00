package org.glassbox.inference.onnx;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One ONNX tensor value while a graph is being mapped onto SameDiff: either known at load time
 * ({@link Folded}: initializers, constants, shapes and everything computed only from them) or
 * computed at run time ({@link Symbolic}: a SameDiff variable). Both carry their static shape — the
 * compiler specialises a graph to concrete input shapes, so every shape is known while building.
 */
sealed interface Value permits Value.Folded, Value.Symbolic {

    /** The static shape, as a new array the caller may change (converters build output shapes from it). */
    long[] shape();

    DataType dataType();

    default int rank() {
        return shape().length;
    }

    default long size() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    /** A value known at load time. */
    record Folded(INDArray array) implements Value {
        /**
         * A copy: ND4J's {@code INDArray.shape()} returns the array's own cached Java shape, not a
         * copy. Converters edit the shape they get (e.g. {@code out[axis] = indices.length}); on the
         * array itself that left its Java shape disagreeing with its native shape — a later
         * {@code dup()} then allocated by the Java shape and native code copied by the native one,
         * writing past the buffer ("corrupted size vs. prev_size" when the buffer was freed).
         */
        @Override
        public long[] shape() {
            return array.shape().clone();
        }

        @Override
        public DataType dataType() {
            return array.dataType();
        }

        @Override
        public String toString() {
            return "folded " + dataType() + Arrays.toString(shape());
        }
    }

    /** A value computed at run time by SameDiff variable {@code variable}. */
    record Symbolic(SDVariable variable, long[] shape, DataType dataType) implements Value {
        public Symbolic {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public String toString() {
            return "runtime " + dataType + Arrays.toString(shape);
        }
    }
}
