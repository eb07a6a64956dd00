package org.glassbox.inference.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.glassbox.inference.onnx.proto.OnnxProto.AttributeProto;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ops that move or select elements and the shape arithmetic exporters emit: Flatten, Reshape,
 * Transpose, Pad, Slice, Gather, Shape, Size, Unsqueeze, Squeeze, Concat, Constant,
 * ConstantOfShape, Expand. Shape-like inputs (Reshape's shape, Slice's starts/ends, axes, pads)
 * must be known at load time; Shape/Size are always known because the compiler fixes input shapes.
 */
final class TensorOps {
    private TensorOps() {
    }

    static void register(Map<String, OpConverter> ops) {
        ops.put("Flatten", TensorOps::flatten);
        ops.put("Reshape", TensorOps::reshape);
        ops.put("Transpose", TensorOps::transpose);
        ops.put("Pad", TensorOps::pad);
        ops.put("Slice", TensorOps::slice);
        ops.put("Gather", TensorOps::gather);
        ops.put("Shape", TensorOps::shape);
        ops.put("Size", c -> new Value[] {new Value.Folded(Nd4j.scalar(c.in(0).size()))});
        ops.put("Unsqueeze", TensorOps::unsqueeze);
        ops.put("Squeeze", TensorOps::squeeze);
        ops.put("Concat", TensorOps::concat);
        ops.put("Constant", TensorOps::constant);
        ops.put("ConstantOfShape", TensorOps::constantOfShape);
        ops.put("Expand", TensorOps::expand);
    }

    private static Value[] flatten(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        long[] s = x.shape();
        long axis = c.attrInt("axis", 1);
        int a = axis == s.length ? s.length : c.axis(axis, Math.max(1, s.length));
        return new Value[] {Shapes.reshape(c, x, new long[] {Shapes.product(s, 0, a), Shapes.product(s, a, s.length)})};
    }

    private static Value[] reshape(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        long[] target = c.opset() < 5 ? c.attrInts("shape", new long[0]) : c.longs(1, "shape");
        boolean allowZero = c.attrInt("allowzero", 0) != 0;
        long[] s = x.shape();
        long[] out = target.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= s.length) {
                    throw c.fail("shape " + Arrays.toString(target) + " copies dimension " + i + " of a rank-" + s.length + " input");
                }
                out[i] = s[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw c.fail("shape " + Arrays.toString(target) + " has more than one -1");
                }
                infer = i;
            } else if (out[i] < 0) {
                throw c.fail("shape " + Arrays.toString(target) + " has a negative dimension");
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw c.fail("cannot infer -1 in " + Arrays.toString(target) + " for input " + Arrays.toString(s));
            }
            out[infer] = x.size() / known;
        }
        return new Value[] {Shapes.reshape(c, x, out)};
    }

    private static Value[] transpose(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        long[] s = x.shape();
        long[] perm = c.attrInts("perm", null);
        if (perm == null) {
            perm = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                perm[i] = s.length - 1 - i;
            }
        }
        if (perm.length != s.length) {
            throw c.fail("perm " + Arrays.toString(perm) + " does not fit a rank-" + s.length + " tensor");
        }
        boolean[] seen = new boolean[s.length];
        long[] out = new long[s.length];
        for (int i = 0; i < perm.length; i++) {
            int p = c.axis(perm[i], s.length);
            if (seen[p]) {
                throw c.fail("perm " + Arrays.toString(perm) + " repeats an axis");
            }
            seen[p] = true;
            out[i] = s[p];
        }
        if (x instanceof Value.Folded f) {
            return new Value[] {new Value.Folded(f.array().permute(Shapes.toInts(perm)).dup('c'))};
        }
        return new Value[] {c.sym(c.sd().permute(c.freshName("transpose"), c.var(x), Shapes.toInts(perm)), out, x.dataType())};
    }

    private static Value[] pad(NodeContext c) throws OnnxFormatException {
        Value x = c.floatIn(0);
        long[] s = x.shape();
        String mode = c.attrString("mode", "constant");
        long[] pads;
        double value = 0;
        Value runtimeValue = null;
        if (c.opset() < 11) {
            pads = c.attrInts("pads", null);
            value = c.attrFloat("value", 0f);
        } else {
            pads = c.longs(1, "pads");
            if (c.has(2)) {
                if (c.in(2) instanceof Value.Symbolic) {
                    runtimeValue = c.floatIn(2);
                } else {
                    INDArray v = c.folded(2, "constant_value");
                    value = v.length() == 0 ? 0 : v.getDouble(0);
                }
            }
            if (c.has(3)) {
                throw c.fail("the axes input (opset 18) is not supported");
            }
        }
        if (pads == null || pads.length != 2 * s.length) {
            throw c.fail("pads must give " + 2 * s.length + " values for a rank-" + s.length + " tensor");
        }
        // Negative pads crop: slice first, then pad by the positive parts.
        Value cur = x;
        long[] begin = new long[s.length];
        long[] end = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            long b = pads[i];
            long e = pads[i + s.length];
            if (b < 0 || e < 0) {
                long start = Math.max(0, -b);
                long stop = cur.shape()[i] - Math.max(0, -e);
                if (stop < start) {
                    throw c.fail("pads " + Arrays.toString(pads) + " crop more than axis " + i + " holds");
                }
                cur = Shapes.sliceAxis(c, cur, i, start, stop);
            }
            begin[i] = Math.max(0, b);
            end[i] = Math.max(0, e);
        }
        long[] out = cur.shape();
        boolean any = false;
        for (int i = 0; i < s.length; i++) {
            out[i] += begin[i] + end[i];
            any |= begin[i] + end[i] > 0;
        }
        if (!any) {
            return new Value[] {cur};
        }
        switch (mode) {
            case "constant", "reflect" -> {
                int[][] p = new int[s.length][2];
                for (int i = 0; i < s.length; i++) {
                    p[i][0] = (int) begin[i];
                    p[i][1] = (int) end[i];
                    if (mode.equals("reflect") && (begin[i] >= cur.shape()[i] || end[i] >= cur.shape()[i])) {
                        throw c.fail("reflect padding of " + Math.max(begin[i], end[i]) + " needs an axis longer than " + cur.shape()[i]);
                    }
                }
                SDVariable y = c.sd().nn().pad(c.freshName("pad"), c.var(cur), c.sd().constant(c.freshName("paddings"),
                        Nd4j.createFromArray(p)), mode.equals("constant") ? PadMode.CONSTANT : PadMode.REFLECT, value);
                if (runtimeValue != null && mode.equals("constant")) {
                    // A pad value computed at run time: pad with 0, then add value × (1 on the padded cells).
                    INDArray border = Nd4j.ones(DataType.FLOAT, out);
                    INDArray interior = border.get(interiorIndex(begin, cur.shape()));
                    interior.assign(0);
                    SDVariable fill = c.var(Shapes.reshape(c, runtimeValue, new long[0])).mul(c.sd().constant(c.freshName("pad_border"), border));
                    y = y.add(c.freshName("pad_value"), fill);
                }
                return new Value[] {c.sym(y, out)};
            }
            case "edge" -> {
                for (int i = 0; i < s.length; i++) {
                    cur = edgePad(c, cur, i, begin[i], end[i]);
                }
                return new Value[] {cur};
            }
            default -> throw c.fail("unknown pad mode " + mode);
        }
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] interiorIndex(long[] begin, long[] inner) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[inner.length];
        for (int i = 0; i < inner.length; i++) {
            idx[i] = org.nd4j.linalg.indexing.NDArrayIndex.interval(begin[i], begin[i] + inner[i]);
        }
        return idx;
    }

    /** Edge padding of one axis: the first/last slice repeated. */
    private static Value edgePad(NodeContext c, Value v, int axis, long begin, long end) {
        if (begin == 0 && end == 0) {
            return v;
        }
        long n = v.shape()[axis];
        List<SDVariable> parts = new ArrayList<>();
        SDVariable first = c.var(Shapes.sliceAxis(c, v, axis, 0, 1));
        SDVariable last = c.var(Shapes.sliceAxis(c, v, axis, n - 1, n));
        for (long i = 0; i < begin; i++) {
            parts.add(first);
        }
        parts.add(c.var(v));
        for (long i = 0; i < end; i++) {
            parts.add(last);
        }
        long[] out = v.shape();
        out[axis] += begin + end;
        return c.sym(c.sd().concat(c.freshName("edge_pad"), axis, parts.toArray(new SDVariable[0])), out, v.dataType());
    }

    private static Value[] slice(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        long[] s = x.shape();
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (c.opset() < 10) {
            starts = c.attrInts("starts", null);
            ends = c.attrInts("ends", null);
            axes = c.attrInts("axes", null);
        } else {
            starts = c.longs(1, "starts");
            ends = c.longs(2, "ends");
            axes = c.has(3) ? c.longs(3, "axes") : null;
            steps = c.has(4) ? c.longs(4, "steps") : null;
        }
        if (starts == null || ends == null || starts.length != ends.length) {
            throw c.fail("starts and ends must be given with equal lengths");
        }
        if (axes == null) {
            axes = new long[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        if (steps == null) {
            steps = new long[starts.length];
            Arrays.fill(steps, 1);
        }
        if (axes.length != starts.length || steps.length != starts.length) {
            throw c.fail("starts, ends, axes and steps differ in length");
        }
        Value cur = x;
        for (int i = 0; i < starts.length; i++) {
            int axis = c.axis(axes[i], s.length);
            long dim = s[axis];
            long step = steps[i];
            if (step == 0) {
                throw c.fail("step 0");
            }
            // ONNX Slice clamping: starts to [0, dim] ([0, dim-1] for negative steps), ends to [-1, dim].
            long start = starts[i] < 0 ? starts[i] + dim : starts[i];
            long end = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (step > 0) {
                start = clamp(start, 0, dim);
                end = clamp(end, 0, dim);
            } else {
                start = clamp(start, 0, dim - 1);
                end = clamp(end, -1, dim - 1);
            }
            cur = sliceAxis(c, cur, axis, start, end, step);
        }
        return new Value[] {cur};
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Python-style slice [start:end:step] of one axis (bounds already clamped). */
    private static Value sliceAxis(NodeContext c, Value v, int axis, long start, long end, long step) throws OnnxFormatException {
        long[] s = v.shape();
        List<Long> idx = new ArrayList<>();
        for (long i = start; step > 0 ? i < end : i > end; i += step) {
            idx.add(i);
        }
        if (step == 1 && !idx.isEmpty() && idx.size() == s[axis]) {
            return v;
        }
        if (idx.isEmpty()) {
            long[] out = s.clone();
            out[axis] = 0;
            return new Value.Folded(Nd4j.create(v.dataType(), out));
        }
        if (step == 1) {
            return Shapes.sliceAxis(c, v, axis, start, end);
        }
        return gatherIndices(c, v, axis, idx.stream().mapToLong(Long::longValue).toArray());
    }

    /** Selects {@code indices} (already non-negative, in range) along {@code axis}. */
    private static Value gatherIndices(NodeContext c, Value v, int axis, long[] indices) {
        long[] out = v.shape();
        out[axis] = indices.length;
        SDVariable idx = c.sd().constant(c.freshName("indices"), Nd4j.createFromArray(indices));
        return c.sym(c.sd().gather(c.freshName("gather"), c.var(v), idx, axis), out, v.dataType());
    }

    private static Value[] gather(NodeContext c) throws OnnxFormatException {
        Value data = c.in(0);
        long[] s = data.shape();
        int axis = c.axis(c.attrInt("axis", 0), s.length);
        INDArray ind = c.folded(1, "indices");
        long[] flat = c.longs(1, "indices");
        long[] indShape = ind.shape();
        for (int i = 0; i < flat.length; i++) {
            long k = flat[i] < 0 ? flat[i] + s[axis] : flat[i];
            if (k < 0 || k >= s[axis]) {
                throw c.fail("index " + flat[i] + " is outside axis " + axis + " of length " + s[axis]);
            }
            flat[i] = k;
        }
        long[] out = new long[s.length - 1 + indShape.length];
        System.arraycopy(s, 0, out, 0, axis);
        System.arraycopy(indShape, 0, out, axis, indShape.length);
        System.arraycopy(s, axis + 1, out, axis + indShape.length, s.length - axis - 1);
        if (flat.length == 0) {
            return new Value[] {new Value.Folded(Nd4j.create(data.dataType(), out))};
        }
        Value g = gatherIndices(c, data, axis, flat);
        return new Value[] {Shapes.reshape(c, g, out)};
    }

    private static Value[] shape(NodeContext c) throws OnnxFormatException {
        long[] s = c.in(0).shape();
        int r = s.length;
        long start = c.attrInt("start", 0);
        long end = c.attrInt("end", r);
        start = clamp(start < 0 ? start + r : start, 0, r);
        end = clamp(end < 0 ? end + r : end, 0, r);
        long[] part = end > start ? Arrays.copyOfRange(s, (int) start, (int) end) : new long[0];
        INDArray a = part.length == 0 ? Nd4j.create(DataType.LONG, 0) : Nd4j.createFromArray(part);
        return new Value[] {new Value.Folded(a)};
    }

    private static long[] axesOf(NodeContext c, boolean required) throws OnnxFormatException {
        if (c.opset() >= 13) {
            if (c.has(1)) {
                return c.longs(1, "axes");
            }
            if (required) {
                throw c.fail("axes input is missing");
            }
            return null;
        }
        long[] a = c.attrInts("axes", null);
        if (a == null && required) {
            throw c.fail("axes attribute is missing");
        }
        return a;
    }

    private static Value[] unsqueeze(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        long[] s = x.shape();
        long[] axes = axesOf(c, true);
        int r = s.length + axes.length;
        boolean[] inserted = new boolean[r];
        for (long a : axes) {
            int k = c.axis(a, r);
            if (inserted[k]) {
                throw c.fail("axes " + Arrays.toString(axes) + " repeat an axis");
            }
            inserted[k] = true;
        }
        long[] out = new long[r];
        int j = 0;
        for (int i = 0; i < r; i++) {
            out[i] = inserted[i] ? 1 : s[j++];
        }
        return new Value[] {Shapes.reshape(c, x, out)};
    }

    private static Value[] squeeze(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        long[] s = x.shape();
        long[] axes = axesOf(c, false);
        boolean[] drop = new boolean[s.length];
        if (axes == null) {
            for (int i = 0; i < s.length; i++) {
                drop[i] = s[i] == 1;
            }
        } else {
            for (long a : axes) {
                int k = c.axis(a, s.length);
                if (s[k] != 1) {
                    throw c.fail("axis " + a + " of " + Arrays.toString(s) + " is not 1");
                }
                drop[k] = true;
            }
        }
        long[] out = Arrays.stream(range(s.length)).filter(i -> !drop[i]).mapToLong(i -> s[i]).toArray();
        return new Value[] {Shapes.reshape(c, x, out)};
    }

    private static Value[] concat(NodeContext c) throws OnnxFormatException {
        Value first = c.in(0);
        long[] s0 = first.shape();
        int axis = c.axis(c.attrInt("axis", 0), s0.length);
        long total = 0;
        List<SDVariable> parts = new ArrayList<>();
        for (int i = 0; i < c.inputCount(); i++) {
            Value v = c.in(i);
            long[] s = v.shape();
            if (s.length != s0.length || v.dataType() != first.dataType()) {
                throw c.fail("input " + i + " " + v + " does not match input 0 " + first);
            }
            for (int d = 0; d < s.length; d++) {
                if (d != axis && s[d] != s0[d]) {
                    throw c.fail("input " + i + " shape " + Arrays.toString(s) + " differs from " + Arrays.toString(s0) + " off the concat axis");
                }
            }
            total += s[axis];
            if (s[axis] > 0) {
                parts.add(c.var(v));
            }
        }
        long[] out = s0.clone();
        out[axis] = total;
        if (parts.size() == 1) {
            for (int i = 0; i < c.inputCount(); i++) {
                if (c.in(i).shape()[axis] > 0) {
                    return new Value[] {c.in(i)};
                }
            }
        }
        if (parts.isEmpty()) {
            return new Value[] {new Value.Folded(Nd4j.create(first.dataType(), out))};
        }
        return new Value[] {c.sym(c.sd().concat(c.freshName("concat"), axis, parts.toArray(new SDVariable[0])), out, first.dataType())};
    }

    private static Value[] constant(NodeContext c) throws OnnxFormatException {
        AttributeProto value = c.attribute("value");
        if (value != null) {
            return new Value[] {new Value.Folded(TensorProtos.toArray(value.getT()))};
        }
        if (c.hasAttr("value_float")) {
            return new Value[] {new Value.Folded(Nd4j.scalar(c.attrFloat("value_float", 0f)))};
        }
        if (c.hasAttr("value_floats")) {
            return new Value[] {new Value.Folded(Nd4j.createFromArray(c.attrFloats("value_floats")))};
        }
        if (c.hasAttr("value_int")) {
            return new Value[] {new Value.Folded(Nd4j.scalar(c.attrInt("value_int", 0)))};
        }
        if (c.hasAttr("value_ints")) {
            return new Value[] {new Value.Folded(Nd4j.createFromArray(c.attrInts("value_ints", new long[0])))};
        }
        throw c.fail("only value, value_float(s) and value_int(s) are supported (sparse and string constants are not)");
    }

    private static Value[] constantOfShape(NodeContext c) throws OnnxFormatException {
        long[] shape = c.longs(0, "shape");
        AttributeProto value = c.attribute("value");
        INDArray fill = value == null ? Nd4j.scalar(0f) : TensorProtos.toArray(value.getT());
        for (long d : shape) {
            if (d < 0) {
                throw c.fail("negative dimension in " + Arrays.toString(shape));
            }
        }
        INDArray out = Nd4j.create(fill.dataType(), shape);
        if (out.length() > 0) {
            out.assign(fill.reshape(1).getDouble(0));
        }
        return new Value[] {new Value.Folded(out)};
    }

    private static Value[] expand(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        long[] shape = c.longs(1, "shape");
        long[] out = Shapes.broadcast(c, x.shape(), shape);
        long[] padded = new long[out.length];
        Arrays.fill(padded, 1);
        long[] s = x.shape();
        System.arraycopy(s, 0, padded, out.length - s.length, s.length);
        Value r = Shapes.reshape(c, x, padded);
        int[] reps = new int[out.length];
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            reps[i] = (int) (out[i] / padded[i]);
            any |= reps[i] != 1;
        }
        if (!any) {
            return new Value[] {r};
        }
        return new Value[] {c.sym(c.sd().tile(c.freshName("expand"), c.var(r), reps), out, x.dataType())};
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
