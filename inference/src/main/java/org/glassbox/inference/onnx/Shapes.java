package org.glassbox.inference.onnx;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Static-shape helpers shared by the op converters (numpy broadcasting, reshapes, slices). */
final class Shapes {
    private Shapes() {
    }

    static long product(long[] shape, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Numpy multidirectional broadcasting (ONNX Broadcasting.md). */
    static long[] broadcast(NodeContext c, long[] a, long[] b) throws OnnxFormatException {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw c.fail("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Reshape of a value; known values stay known. */
    static Value reshape(NodeContext c, Value v, long[] shape) throws OnnxFormatException {
        if (product(shape, 0, shape.length) != v.size()) {
            throw c.fail("cannot reshape " + Arrays.toString(v.shape()) + " to " + Arrays.toString(shape));
        }
        if (Arrays.equals(shape, v.shape())) {
            return v;
        }
        if (v instanceof Value.Folded f) {
            INDArray a = f.array();
            return new Value.Folded(shape.length == 0 ? a.reshape(new long[0]) : a.dup('c').reshape('c', shape));
        }
        SDVariable out = c.sd().reshape(c.freshName("reshape"), c.var(v), shape);
        return c.sym(out, shape, v.dataType());
    }

    /**
     * {@code v} broadcast to {@code shape} (which must be a numpy broadcast of its shape): a reshape
     * to the target rank, then a tile of the axes of length 1 that grow.
     */
    static Value broadcastTo(NodeContext c, Value v, long[] shape) throws OnnxFormatException {
        long[] s = v.shape();
        if (Arrays.equals(s, shape)) {
            return v;
        }
        if (s.length > shape.length) {
            throw c.fail("cannot broadcast " + Arrays.toString(s) + " to " + Arrays.toString(shape));
        }
        long[] padded = new long[shape.length];
        Arrays.fill(padded, 1);
        System.arraycopy(s, 0, padded, shape.length - s.length, s.length);
        int[] reps = new int[shape.length];
        boolean any = false;
        for (int i = 0; i < shape.length; i++) {
            if (padded[i] != shape[i] && padded[i] != 1) {
                throw c.fail("cannot broadcast " + Arrays.toString(s) + " to " + Arrays.toString(shape));
            }
            reps[i] = Math.toIntExact(shape[i] / Math.max(1, padded[i]));
            any |= reps[i] != 1;
        }
        Value r = reshape(c, v, padded);
        if (!any) {
            return r;
        }
        SDVariable out = c.sd().tile(c.freshName("broadcast"), c.var(r), reps);
        return c.sym(out, shape, v.dataType());
    }

    /** Elements [start, end) with step 1 of one axis. */
    static Value sliceAxis(NodeContext c, Value v, int axis, long start, long end) {
        long[] shape = v.shape();
        long[] begin = new long[shape.length];
        long[] stop = shape.clone();
        long[] step = new long[shape.length];
        Arrays.fill(step, 1);
        begin[axis] = start;
        stop[axis] = end;
        long[] outShape = shape.clone();
        outShape[axis] = end - start;
        SDVariable out = c.sd().stridedSlice(c.freshName("slice"), c.var(v), begin, stop, step);
        return c.sym(out, outShape, v.dataType());
    }

    static int[] toInts(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.toIntExact(v[i]);
        }
        return r;
    }
}
