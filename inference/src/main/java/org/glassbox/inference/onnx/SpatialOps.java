package org.glassbox.inference.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.enums.PadMode;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution and pooling over NCHW tensors (1-D inputs NCL are lifted to 2-D with H = 1):
 * Conv (groups, dilations, explicit or auto pads, strides, bias), MaxPool (dilations, ceil_mode),
 * AveragePool (count_include_pad, ceil_mode), GlobalAveragePool.
 *
 * <p>ND4J's conv/pool ops take symmetric padding only, so asymmetric padding (SAME_*, explicit
 * begin ≠ end, the extra cells ceil_mode adds) is applied by an explicit pad op first; average
 * pooling then divides by ONNX's own count, computed at load time.
 */
final class SpatialOps {
    private SpatialOps() {
    }

    static void register(Map<String, OpConverter> ops) {
        ops.put("Conv", SpatialOps::conv);
        ops.put("MaxPool", c -> pool(c, true));
        ops.put("AveragePool", c -> pool(c, false));
        ops.put("GlobalAveragePool", SpatialOps::globalAveragePool);
    }

    /** Per-spatial-axis geometry: kernel, stride, dilation, pads and the output size. */
    private record Geometry(long[] in, long[] kernel, long[] stride, long[] dilation, long[] padBegin, long[] padEnd, long[] out) {
        boolean symmetric() {
            return Arrays.equals(padBegin, padEnd);
        }
    }

    private static Geometry geometry(NodeContext c, long[] in, long[] kernel, boolean ceil) throws OnnxFormatException {
        int n = in.length;
        long[] stride = c.attrInts("strides", filled(n, 1));
        long[] dilation = c.attrInts("dilations", filled(n, 1));
        long[] pads = c.attrInts("pads", filled(2 * n, 0));
        if (stride.length != n || dilation.length != n || pads.length != 2 * n) {
            throw c.fail("strides/dilations/pads do not match " + n + " spatial axes");
        }
        String autoPad = c.attrString("auto_pad", "NOTSET");
        long[] begin = new long[n];
        long[] end = new long[n];
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (kernel[i] <= 0 || stride[i] <= 0 || dilation[i] <= 0) {
                throw c.fail("kernel, strides and dilations must be positive");
            }
            long effective = (kernel[i] - 1) * dilation[i] + 1;
            switch (autoPad) {
                case "NOTSET" -> {
                    begin[i] = pads[i];
                    end[i] = pads[i + n];
                    long span = in[i] + begin[i] + end[i] - effective;
                    if (span < 0) {
                        throw c.fail("kernel " + effective + " is larger than the padded input " + (in[i] + begin[i] + end[i]));
                    }
                    out[i] = (ceil ? Math.floorDiv(span + stride[i] - 1, stride[i]) : Math.floorDiv(span, stride[i])) + 1;
                    // ceil_mode: a last window starting inside the end padding is dropped (PyTorch, ORT).
                    if (ceil && (out[i] - 1) * stride[i] >= in[i] + begin[i]) {
                        out[i]--;
                    }
                }
                case "VALID" -> {
                    long span = in[i] - effective;
                    if (span < 0) {
                        throw c.fail("kernel " + effective + " is larger than the input " + in[i]);
                    }
                    out[i] = (ceil ? Math.floorDiv(span + stride[i] - 1, stride[i]) : Math.floorDiv(span, stride[i])) + 1;
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = Math.floorDiv(in[i] + stride[i] - 1, stride[i]);
                    long total = Math.max(0, (out[i] - 1) * stride[i] + effective - in[i]);
                    long small = total / 2;
                    begin[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    end[i] = total - begin[i];
                }
                default -> throw c.fail("unknown auto_pad " + autoPad);
            }
        }
        return new Geometry(in, kernel, stride, dilation, begin, end, out);
    }

    private static long[] filled(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    /** NCL → NC1L; NCHW unchanged; other ranks refused. */
    private static Value lift(NodeContext c, Value x) throws OnnxFormatException {
        long[] s = x.shape();
        if (s.length == 4) {
            return x;
        }
        if (s.length == 3) {
            return Shapes.reshape(c, x, new long[] {s[0], s[1], 1, s[2]});
        }
        throw c.fail("only 1-D and 2-D (NCL, NCHW) inputs are supported, got shape " + Arrays.toString(s));
    }

    private static long[] lift(long[] spatial, long fill) {
        return spatial.length == 2 ? spatial : new long[] {fill, spatial[0]};
    }

    private static Value[] conv(NodeContext c) throws OnnxFormatException {
        Value x0 = c.floatIn(0);
        Value w0 = c.floatIn(1);
        long[] xs = x0.shape();
        long[] ws = w0.shape();
        if (xs.length != ws.length || (xs.length != 3 && xs.length != 4)) {
            throw c.fail("input " + Arrays.toString(xs) + " and weights " + Arrays.toString(ws) + " must both be rank 3 or 4");
        }
        long group = c.attrInt("group", 1);
        long cin = xs[1];
        long cout = ws[0];
        if (group <= 0 || cin % group != 0 || cout % group != 0 || ws[1] != cin / group) {
            throw c.fail("weights " + Arrays.toString(ws) + " do not fit input channels " + cin + " in " + group + " group(s)");
        }
        long[] kernel = Arrays.copyOfRange(ws, 2, ws.length);
        long[] declared = c.attrInts("kernel_shape", kernel);
        if (!Arrays.equals(declared, kernel)) {
            throw c.fail("kernel_shape " + Arrays.toString(declared) + " differs from the weights " + Arrays.toString(ws));
        }
        Geometry g = geometry(c, Arrays.copyOfRange(xs, 2, xs.length), kernel, false);
        Value bias = null;
        if (c.has(2)) {
            bias = c.floatIn(2);
            if (bias.rank() != 1 || bias.shape()[0] != cout) {
                throw c.fail("bias " + Arrays.toString(bias.shape()) + " must be [" + cout + "]");
            }
        }
        Value x = lift(c, x0);
        Value w = lift(c, w0);
        long[] k = lift(g.kernel(), 1);
        long[] s = lift(g.stride(), 1);
        long[] d = lift(g.dilation(), 1);
        long[] pb = lift(g.padBegin(), 0);
        long[] pe = lift(g.padEnd(), 0);
        long[] out = lift(g.out(), 1);
        long ph = 0;
        long pw = 0;
        if (Arrays.equals(pb, pe)) {
            ph = pb[0];
            pw = pb[1];
        } else {
            x = pad(c, x, pb, pe, 0.0);
        }
        Conv2DConfig config = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(ph).pW(pw).dH(d[0]).dW(d[1])
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        SDVariable y;
        if (group == 1) {
            y = convOnce(c, w, c.var(x), bias == null ? null : c.var(bias), config);
        } else {
            long ci = cin / group;
            long co = cout / group;
            List<SDVariable> parts = new ArrayList<>();
            for (long gi = 0; gi < group; gi++) {
                SDVariable xg = c.var(Shapes.sliceAxis(c, x, 1, gi * ci, (gi + 1) * ci));
                Value wg = slice(c, w, gi * co, (gi + 1) * co);
                SDVariable bg = bias == null ? null : c.var(slice(c, bias, gi * co, (gi + 1) * co));
                parts.add(convOnce(c, wg, xg, bg, config));
            }
            y = c.sd().concat(c.freshName("conv_groups"), 1, parts.toArray(new SDVariable[0]));
        }
        long[] shape4 = {xs[0], cout, out[0], out[1]};
        Value result = c.sym(y, shape4);
        if (xs.length == 3) {
            result = Shapes.reshape(c, result, new long[] {xs[0], cout, out[1]});
        }
        return new Value[] {result};
    }

    /** Slice of axis 0; known weights are sliced at load time. */
    private static Value slice(NodeContext c, Value v, long start, long end) {
        if (v instanceof Value.Folded f) {
            INDArray a = f.array();
            return new Value.Folded(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)).dup('c'));
        }
        return Shapes.sliceAxis(c, v, 0, start, end);
    }

    /**
     * One ND4J conv2d. ONNX weights are O×I×kH×kW; they are handed over as kH×kW×I×O (ND4J's default
     * YXIO layout) because M2.1's conv2d_bp fails shape validation with OIYX weights.
     */
    private static SDVariable convOnce(NodeContext c, Value weights, SDVariable x, SDVariable b, Conv2DConfig config) {
        SDVariable w;
        if (weights instanceof Value.Folded f) {
            w = c.var(new Value.Folded(f.array().permute(2, 3, 1, 0).dup('c')));
        } else {
            w = c.sd().permute(c.freshName("conv_weights"), c.var(weights), 2, 3, 1, 0);
        }
        String name = c.freshName("conv");
        return b == null ? c.sd().cnn().conv2d(name, x, w, config) : c.sd().cnn().conv2d(name, x, w, b, config);
    }

    /** Constant padding of the two spatial axes of an NCHW value. */
    static Value pad(NodeContext c, Value x, long[] begin, long[] end, double value) {
        long[] s = x.shape();
        INDArray paddings = Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {(int) begin[0], (int) end[0]}, {(int) begin[1], (int) end[1]}});
        SDVariable p = c.sd().nn().pad(c.freshName("pad"), c.var(x), c.sd().constant(c.freshName("paddings"), paddings), PadMode.CONSTANT, value);
        return c.sym(p, new long[] {s[0], s[1], s[2] + begin[0] + end[0], s[3] + begin[1] + end[1]});
    }

    private static Value[] pool(NodeContext c, boolean max) throws OnnxFormatException {
        if (c.wantsOutput(1)) {
            throw c.fail("the Indices output is not supported");
        }
        Value x0 = c.floatIn(0);
        long[] xs = x0.shape();
        if (xs.length != 3 && xs.length != 4) {
            throw c.fail("only 1-D and 2-D pooling (NCL, NCHW) is supported, got shape " + Arrays.toString(xs));
        }
        long[] kernel = c.attrInts("kernel_shape", null);
        if (kernel == null || kernel.length != xs.length - 2) {
            throw c.fail("kernel_shape must give " + (xs.length - 2) + " sizes");
        }
        boolean ceil = c.attrInt("ceil_mode", 0) != 0;
        Geometry g = geometry(c, Arrays.copyOfRange(xs, 2, xs.length), kernel, ceil);
        if (!max && c.hasAttr("dilations")) {
            for (long d : g.dilation()) {
                if (d != 1) {
                    throw c.fail("dilated average pooling is not supported");
                }
            }
        }
        long[] k = lift(g.kernel(), 1);
        long[] s = lift(g.stride(), 1);
        long[] d = lift(g.dilation(), 1);
        long[] pb = lift(g.padBegin(), 0);
        long[] pe = lift(g.padEnd(), 0);
        long[] out = lift(g.out(), 1);
        long[] in = lift(g.in(), 1);
        // Cells ceil_mode reads beyond the padded input.
        long[] extra = new long[2];
        for (int i = 0; i < 2; i++) {
            long needed = (out[i] - 1) * s[i] + (k[i] - 1) * d[i] + 1;
            extra[i] = Math.max(0, needed - (in[i] + pb[i] + pe[i]));
        }
        Value x = lift(c, x0);
        long[] padEnd = {pe[0] + extra[0], pe[1] + extra[1]};
        boolean padded = pb[0] + pb[1] + padEnd[0] + padEnd[1] > 0;
        if (padded) {
            // Padding never wins a max; for the average the count is corrected below.
            x = pad(c, x, pb, padEnd, max ? -Float.MAX_VALUE : 0.0);
        }
        Pooling2DConfig config = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(0).pW(0).dH(d[0]).dW(d[1])
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        SDVariable y = max ? c.sd().cnn().maxPooling2d(c.freshName("maxpool"), c.var(x), config)
                : c.sd().cnn().avgPooling2d(c.freshName("avgpool"), c.var(x), config);
        long[] shape4 = {xs[0], xs[1], out[0], out[1]};
        if (!max && padded) {
            boolean includePad = c.attrInt("count_include_pad", 0) != 0;
            INDArray scale = averageScale(k, s, pb, pe, in, out, includePad);
            if (scale != null) {
                y = y.mul(c.sd().constant(c.freshName("avgpool_count"), scale));
            }
        }
        Value result = c.sym(y, shape4);
        if (xs.length == 3) {
            result = Shapes.reshape(c, result, new long[] {xs[0], xs[1], out[1]});
        }
        return new Value[] {result};
    }

    /**
     * kernel area / ONNX's divisor per output cell ([1, 1, oh, ow]), or null when every cell divides
     * by the full kernel. The divisor counts cells inside the input (count_include_pad = 0) or
     * inside the input plus its declared pads (= 1); ceil_mode's extra cells never count.
     */
    private static INDArray averageScale(long[] k, long[] s, long[] pb, long[] pe, long[] in, long[] out, boolean includePad) {
        float[] scale = new float[(int) (out[0] * out[1])];
        boolean any = false;
        long area = k[0] * k[1];
        for (int oy = 0; oy < out[0]; oy++) {
            long ny = count(oy * s[0] - pb[0], k[0], in[0], pb[0], pe[0], includePad);
            for (int ox = 0; ox < out[1]; ox++) {
                long nx = count(ox * s[1] - pb[1], k[1], in[1], pb[1], pe[1], includePad);
                long n = ny * nx;
                scale[(int) (oy * out[1] + ox)] = n == 0 ? 0f : (float) area / n;
                any |= n != area;
            }
        }
        return any ? Nd4j.createFromArray(scale).reshape(1, 1, out[0], out[1]) : null;
    }

    /** Cells of the window [start, start + k) inside the counted range. */
    private static long count(long start, long k, long in, long padBegin, long padEnd, boolean includePad) {
        long lo = includePad ? -padBegin : 0;
        long hi = includePad ? in + padEnd : in;
        return Math.max(0, Math.min(start + k, hi) - Math.max(start, lo));
    }

    private static Value[] globalAveragePool(NodeContext c) throws OnnxFormatException {
        Value x = c.floatIn(0);
        long[] s = x.shape();
        if (s.length < 3) {
            throw c.fail("input must be N×C×spatial, got " + Arrays.toString(s));
        }
        int[] axes = new int[s.length - 2];
        long[] out = s.clone();
        for (int i = 2; i < s.length; i++) {
            axes[i - 2] = i;
            out[i] = 1;
        }
        return new Value[] {c.sym(c.sd().mean(c.freshName("gap"), c.var(x), true, axes), out)};
    }

    static DataType f32() {
        return DataType.FLOAT;
    }
}
