package org.glassbox.inference.onnx;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BatchNormalization (inference), Softmax (opset &lt; 13: 2-D coercion; ≥ 13: one axis),
 * LayerNormalization (opset 17), Gemm, MatMul (batched, broadcast) and the reductions ReduceMean,
 * ReduceMax, ReduceSum.
 */
final class NnOps {
    private NnOps() {
    }

    static void register(Map<String, OpConverter> ops) {
        ops.put("BatchNormalization", NnOps::batchNorm);
        ops.put("Softmax", NnOps::softmax);
        ops.put("LayerNormalization", NnOps::layerNorm);
        ops.put("Gemm", NnOps::gemm);
        ops.put("MatMul", NnOps::matMul);
        ops.put("ReduceMean", c -> reduce(c, "mean"));
        ops.put("ReduceMax", c -> reduce(c, "max"));
        ops.put("ReduceSum", c -> reduce(c, "sum"));
    }

    /**
     * Inference batch normalisation as the per-channel affine map y = x·a + b with
     * a = scale / √(var + ε) and b = bias − mean·a, broadcast over N×C×D1×…; not ND4J's batchnorm op,
     * because SameDiff (ND4J M2.1) cannot differentiate it ({@code BatchNorm.doDiff} builds its
     * derivative without an axis: "Invalid axis argument") and input gradients would fail on every
     * model with a batch norm not folded into a Conv (DenseNet: BN after Concat). With the four
     * parameters known at load time (initializers — the usual case) a and b are computed here, once,
     * in double precision; otherwise the same formula is built from differentiable SameDiff ops.
     */
    private static Value[] batchNorm(NodeContext c) throws OnnxFormatException {
        if (c.attrInt("training_mode", 0) != 0) {
            throw c.fail("training_mode=1 is not supported (inference only)");
        }
        for (int i = 1; i < c.outputCount(); i++) {
            if (c.wantsOutput(i)) {
                throw c.fail("running mean/variance outputs (training) are not supported");
            }
        }
        Value x = c.floatIn(0);
        long[] s = x.shape();
        if (s.length < 2) {
            throw c.fail("input must be N×C×…, got " + Arrays.toString(s));
        }
        // [1, C, 1, …]: the parameters broadcast over every axis but the channel axis.
        long[] channelShape = new long[s.length];
        Arrays.fill(channelShape, 1);
        channelShape[1] = s[1];
        Value[] p = new Value[5];
        boolean allKnown = true;
        for (int i = 1; i <= 4; i++) {
            Value v = c.floatIn(i);
            if (v.rank() != 1 || v.shape()[0] != s[1]) {
                throw c.fail("parameter " + i + " has shape " + Arrays.toString(v.shape()) + ", expected [" + s[1] + "]");
            }
            p[i] = Shapes.reshape(c, v, channelShape);
            allKnown &= p[i] instanceof Value.Folded;
        }
        double eps = c.attrFloat("epsilon", 1e-5f);
        SDVariable a;
        SDVariable b;
        if (allKnown) {
            INDArray scale = known(p[1]);
            INDArray bias = known(p[2]);
            INDArray mean = known(p[3]);
            INDArray var = known(p[4]);
            INDArray factor = scale.div(Transforms.sqrt(var.add(eps), false));
            INDArray shift = bias.sub(mean.mul(factor));
            a = c.var(new Value.Folded(factor.castTo(DataType.FLOAT)));
            b = c.var(new Value.Folded(shift.castTo(DataType.FLOAT)));
        } else {
            a = c.var(p[1]).mul(c.sd().math().rsqrt(c.var(p[4]).add(eps)));
            b = c.var(p[2]).sub(c.var(p[3]).mul(a));
        }
        SDVariable y = c.var(x).mul(c.freshName("batchnorm_scale"), a).add(c.freshName("batchnorm"), b);
        return new Value[] {c.sym(y, s)};
    }

    /** A load-time parameter in double precision (a and b are computed once, so exactly). */
    private static INDArray known(Value v) {
        return ((Value.Folded) v).array().castTo(DataType.DOUBLE);
    }

    private static Value[] softmax(NodeContext c) throws OnnxFormatException {
        Value x = c.floatIn(0);
        long[] s = x.shape();
        boolean legacy = c.opset() < 13;
        int axis = c.axis(c.attrInt("axis", legacy ? 1 : -1), Math.max(1, s.length));
        if (legacy && axis != s.length - 1) {
            // Opset < 13: softmax over the flattened trailing block [axis, rank).
            long[] flat = {Shapes.product(s, 0, axis), Shapes.product(s, axis, s.length)};
            Value f = Shapes.reshape(c, x, flat);
            Value y = c.sym(c.sd().nn().softmax(c.freshName("softmax"), c.var(f), 1), flat);
            return new Value[] {Shapes.reshape(c, y, s)};
        }
        return new Value[] {c.sym(c.sd().nn().softmax(c.freshName("softmax"), c.var(x), axis), s)};
    }

    private static Value[] layerNorm(NodeContext c) throws OnnxFormatException {
        Value x = c.floatIn(0);
        long[] s = x.shape();
        int axis = c.axis(c.attrInt("axis", -1), s.length);
        float eps = c.attrFloat("epsilon", 1e-5f);
        int[] axes = new int[s.length - axis];
        long[] reduced = s.clone();
        for (int i = axis; i < s.length; i++) {
            axes[i - axis] = i;
            reduced[i] = 1;
        }
        Value scale = c.floatIn(1);
        Shapes.broadcast(c, s, scale.shape());
        SDVariable xv = c.var(x);
        SDVariable mean = c.sd().mean(c.freshName("ln_mean"), xv, true, axes);
        SDVariable centred = xv.sub(c.freshName("ln_centred"), mean);
        SDVariable variance = c.sd().mean(c.freshName("ln_var"), centred.mul(centred), true, axes);
        SDVariable invStd = c.sd().math().rsqrt(c.freshName("ln_invstd"), variance.add(eps));
        SDVariable y = centred.mul(invStd).mul(c.var(scale));
        if (c.has(2)) {
            Value bias = c.floatIn(2);
            Shapes.broadcast(c, s, bias.shape());
            y = y.add(c.freshName("ln_out"), c.var(bias));
        }
        return new Value[] {c.sym(y, s), c.sym(mean, reduced), c.sym(invStd, reduced)};
    }

    private static Value[] gemm(NodeContext c) throws OnnxFormatException {
        Value a = c.floatIn(0);
        Value b = c.floatIn(1);
        if (a.rank() != 2 || b.rank() != 2) {
            throw c.fail("A and B must be matrices, got " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        boolean ta = c.attrInt("transA", 0) != 0;
        boolean tb = c.attrInt("transB", 0) != 0;
        long m = ta ? a.shape()[1] : a.shape()[0];
        long ka = ta ? a.shape()[0] : a.shape()[1];
        long kb = tb ? b.shape()[1] : b.shape()[0];
        long n = tb ? b.shape()[0] : b.shape()[1];
        if (ka != kb) {
            throw c.fail("inner dimensions differ: " + Arrays.toString(a.shape()) + (ta ? "ᵀ" : "") + " × "
                    + Arrays.toString(b.shape()) + (tb ? "ᵀ" : ""));
        }
        float alpha = c.attrFloat("alpha", 1f);
        float beta = c.attrFloat("beta", 1f);
        long[] shape = {m, n};
        SDVariable y = c.sd().linalg().mmul(c.freshName("gemm"), c.var(a), c.var(b), ta, tb, false);
        if (alpha != 1f) {
            y = y.mul(alpha);
        }
        if (c.has(2)) {
            Value bias = c.floatIn(2);
            long[] bs = Shapes.broadcast(c, shape, bias.shape());
            if (!Arrays.equals(bs, shape)) {
                throw c.fail("C " + Arrays.toString(bias.shape()) + " does not broadcast to " + Arrays.toString(shape));
            }
            SDVariable cv = c.var(bias);
            if (beta != 1f) {
                cv = cv.mul(beta);
            }
            y = y.add(c.freshName("gemm_bias"), cv);
        }
        return new Value[] {c.sym(y, shape)};
    }

    private static Value[] matMul(NodeContext c) throws OnnxFormatException {
        Value a = c.floatIn(0);
        Value b = c.floatIn(1);
        long[] as = a.shape();
        long[] bs = b.shape();
        if (as.length == 0 || bs.length == 0) {
            throw c.fail("MatMul of a scalar");
        }
        // numpy.matmul: 1-D operands get a dimension that is removed afterwards.
        boolean aVec = as.length == 1;
        boolean bVec = bs.length == 1;
        if (aVec) {
            a = Shapes.reshape(c, a, new long[] {1, as[0]});
        }
        if (bVec) {
            b = Shapes.reshape(c, b, new long[] {bs[0], 1});
        }
        as = a.shape();
        bs = b.shape();
        long m = as[as.length - 2];
        long k = as[as.length - 1];
        long n = bs[bs.length - 1];
        if (bs[bs.length - 2] != k) {
            throw c.fail("inner dimensions differ: " + Arrays.toString(as) + " × " + Arrays.toString(bs));
        }
        long[] batch = Shapes.broadcast(c, Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        long batchSize = Shapes.product(batch, 0, batch.length);
        Value product;
        if (bs.length == 2) {
            // [..., m, k] × [k, n]: one matrix product over the flattened rows, [batch·m, n].
            Value a2 = Shapes.reshape(c, a, new long[] {batchSize * m, k});
            SDVariable y = c.sd().linalg().mmul(c.freshName("matmul"), c.var(a2), c.var(b), false, false, false);
            product = c.sym(y, new long[] {batchSize * m, n});
        } else {
            Value a3 = Shapes.reshape(c, broadcastTo(c, a, batch), new long[] {batchSize, m, k});
            Value b3 = Shapes.reshape(c, broadcastTo(c, b, batch), new long[] {batchSize, k, n});
            SDVariable y = c.sd().linalg().mmul(c.freshName("matmul"), c.var(a3), c.var(b3), false, false, false);
            product = c.sym(y, new long[] {batchSize, m, n});
        }
        long[] full = Arrays.copyOf(batch, batch.length + 2);
        full[batch.length] = m;
        full[batch.length + 1] = n;
        Value result = Shapes.reshape(c, product, full);
        if (aVec || bVec) {
            long[] squeezed = Arrays.stream(full).toArray();
            int drop = aVec ? full.length - 2 : full.length - 1;
            long[] out = new long[full.length - ((aVec && bVec) ? 2 : 1)];
            int j = 0;
            for (int i = 0; i < full.length; i++) {
                boolean skip = (aVec && i == full.length - 2) || (bVec && i == full.length - 1);
                if (!skip) {
                    out[j++] = squeezed[i];
                }
            }
            assert drop >= 0;
            result = Shapes.reshape(c, result, out);
        }
        return new Value[] {result};
    }

    /** Broadcasts the batch dimensions of a matrix stack [..., r, c] to {@code batch}. */
    private static Value broadcastTo(NodeContext c, Value v, long[] batch) throws OnnxFormatException {
        long[] s = v.shape();
        long[] target = Arrays.copyOf(batch, batch.length + 2);
        target[batch.length] = s[s.length - 2];
        target[batch.length + 1] = s[s.length - 1];
        if (Arrays.equals(s, target)) {
            return v;
        }
        long[] padded = new long[target.length];
        Arrays.fill(padded, 1);
        System.arraycopy(s, 0, padded, target.length - s.length, s.length);
        Value r = Shapes.reshape(c, v, padded);
        int[] reps = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            reps[i] = (int) (target[i] / padded[i]);
        }
        SDVariable tiled = c.sd().tile(c.freshName("broadcast"), c.var(r), reps);
        return c.sym(tiled, target, v.dataType());
    }

    private static Value[] reduce(NodeContext c, String kind) throws OnnxFormatException {
        Value x = c.in(0);
        long[] s = x.shape();
        long[] axesArg = null;
        boolean axesAsInput = kind.equals("sum") ? c.opset() >= 13 : c.opset() >= 18;
        if (axesAsInput) {
            if (c.has(1)) {
                axesArg = c.longs(1, "axes");
            }
        } else {
            axesArg = c.attrInts("axes", null);
        }
        boolean keep = c.attrInt("keepdims", 1) != 0;
        if (axesArg == null || axesArg.length == 0) {
            if (axesAsInput && c.attrInt("noop_with_empty_axes", 0) != 0) {
                return new Value[] {x};
            }
            axesArg = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                axesArg[i] = i;
            }
        }
        int[] axes = new int[axesArg.length];
        boolean[] reduced = new boolean[s.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = c.axis(axesArg[i], s.length);
            reduced[axes[i]] = true;
        }
        Arrays.sort(axes);
        long[] out = Arrays.stream(range(s.length)).filter(i -> keep || !reduced[i]).mapToLong(i -> reduced[i] ? 1 : s[i]).toArray();
        SDVariable xv = c.var(x);
        String name = c.freshName("reduce_" + kind);
        SDVariable y = switch (kind) {
            case "mean" -> c.sd().mean(name, xv, keep, axes);
            case "max" -> c.sd().max(name, xv, keep, axes);
            default -> c.sd().sum(name, xv, keep, axes);
        };
        DataType type = x.dataType();
        return new Value[] {c.sym(y, out, type)};
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
