package org.glassbox.inference.onnx;

import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.BiFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise ONNX ops: Add, Sub, Mul, Div, Pow (numpy broadcasting), Relu, Sigmoid, Sqrt, Erf,
 * Exp, Reciprocal, Clip, and the pass-throughs Identity, Dropout (inference) and Cast.
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static void register(Map<String, OpConverter> ops) {
        ops.put("Add", c -> binary(c, SDVariable::add));
        ops.put("Sub", c -> binary(c, SDVariable::sub));
        ops.put("Mul", c -> binary(c, SDVariable::mul));
        ops.put("Div", c -> binary(c, SDVariable::div));
        ops.put("Pow", ElementwiseOps::pow);
        ops.put("Relu", c -> unary(c, (sd, x) -> sd.nn().relu(c.freshName("relu"), x, 0)));
        ops.put("Sigmoid", c -> unary(c, (sd, x) -> sd.nn().sigmoid(c.freshName("sigmoid"), x)));
        ops.put("Sqrt", c -> unary(c, (sd, x) -> sd.math().sqrt(c.freshName("sqrt"), x)));
        ops.put("Erf", c -> unary(c, (sd, x) -> sd.math().erf(c.freshName("erf"), x)));
        ops.put("Exp", c -> unary(c, (sd, x) -> sd.math().exp(c.freshName("exp"), x)));
        ops.put("Reciprocal", c -> unary(c, (sd, x) -> x.rdiv(c.freshName("reciprocal"), 1.0)));
        ops.put("Clip", ElementwiseOps::clip);
        ops.put("Identity", ElementwiseOps::passThrough);
        ops.put("Dropout", ElementwiseOps::dropout);
        ops.put("Cast", ElementwiseOps::cast);
    }

    private static Value[] binary(NodeContext c, BinaryOperator<SDVariable> op) throws OnnxFormatException {
        Value a = c.in(0);
        Value b = c.in(1);
        if (a.dataType() != b.dataType()) {
            throw c.fail("operand types differ: " + a.dataType() + " and " + b.dataType());
        }
        long[] shape = Shapes.broadcast(c, a.shape(), b.shape());
        SDVariable out = op.apply(c.var(a), c.var(b));
        return new Value[] {c.sym(out, shape, a.dataType())};
    }

    private static Value[] pow(NodeContext c) throws OnnxFormatException {
        Value a = c.in(0);
        Value b = c.in(1);
        long[] shape = Shapes.broadcast(c, a.shape(), b.shape());
        if (b instanceof Value.Folded f && f.array().length() == 1 && a.dataType().isFPType()) {
            double e = f.array().getDouble(0);
            return new Value[] {c.sym(c.sd().math().pow(c.freshName("pow"), c.var(a), e), shape, a.dataType())};
        }
        // ONNX allows a different exponent type: compute in the base's type.
        SDVariable exponent = c.var(b);
        if (b.dataType() != a.dataType()) {
            exponent = exponent.castTo(a.dataType());
        }
        return new Value[] {c.sym(c.sd().math().pow(c.freshName("pow"), c.var(a), exponent), shape, a.dataType())};
    }

    private static Value[] unary(NodeContext c, BiFunction<SameDiff, SDVariable, SDVariable> op) throws OnnxFormatException {
        Value x = c.floatIn(0);
        return new Value[] {c.sym(op.apply(c.sd(), c.var(x)), x.shape())};
    }

    private static Value[] clip(NodeContext c) throws OnnxFormatException {
        Value x = c.floatIn(0);
        Value lo = null;
        Value hi = null;
        if (c.opset() < 11) {
            float min = c.attrFloat("min", -Float.MAX_VALUE);
            float max = c.attrFloat("max", Float.MAX_VALUE);
            return new Value[] {c.sym(c.sd().math().clipByValue(c.freshName("clip"), c.var(x), min, max), x.shape())};
        }
        if (c.has(1)) {
            lo = c.floatIn(1);
        }
        if (c.has(2)) {
            hi = c.floatIn(2);
        }
        boolean knownBounds = (lo == null || lo instanceof Value.Folded) && (hi == null || hi instanceof Value.Folded);
        if (knownBounds) {
            double min = lo == null ? -Float.MAX_VALUE : ((Value.Folded) lo).array().getDouble(0);
            double max = hi == null ? Float.MAX_VALUE : ((Value.Folded) hi).array().getDouble(0);
            return new Value[] {c.sym(c.sd().math().clipByValue(c.freshName("clip"), c.var(x), min, max), x.shape())};
        }
        // Bounds computed at run time: min(max(x, lo), hi) — as ONNX defines Clip.
        SDVariable y = c.var(x);
        if (lo != null) {
            y = c.sd().math().max(c.freshName("clip_lo"), y, c.var(lo));
        }
        if (hi != null) {
            y = c.sd().math().min(c.freshName("clip_hi"), y, c.var(hi));
        }
        return new Value[] {c.sym(y, x.shape())};
    }

    private static Value[] passThrough(NodeContext c) throws OnnxFormatException {
        return new Value[] {c.in(0)};
    }

    private static Value[] dropout(NodeContext c) throws OnnxFormatException {
        if (c.opset() >= 12 && c.has(2)) {
            INDArray training = c.folded(2, "training_mode");
            if (training.getDouble(0) != 0) {
                throw c.fail("training_mode=true is not supported (inference only)");
            }
        }
        if (c.opset() < 7 && c.attrInt("is_test", 0) == 0) {
            throw c.fail("is_test=0 (training) is not supported (inference only)");
        }
        Value x = c.in(0);
        if (c.wantsOutput(1)) {
            INDArray mask = org.nd4j.linalg.factory.Nd4j.ones(DataType.BOOL, x.shape());
            return new Value[] {x, new Value.Folded(mask)};
        }
        return new Value[] {x};
    }

    private static Value[] cast(NodeContext c) throws OnnxFormatException {
        Value x = c.in(0);
        int to = (int) c.attrInt("to", 1);
        DataType target = switch (to) {
            case 1 -> DataType.FLOAT;
            case 6 -> DataType.INT;
            case 7 -> DataType.LONG;
            case 9 -> DataType.BOOL;
            case 11 -> DataType.DOUBLE;
            default -> throw c.fail("cast to " + TensorProtos.typeName(to) + " is not supported");
        };
        if (x.dataType() == target) {
            return new Value[] {x};
        }
        if (x instanceof Value.Folded f) {
            return new Value[] {new Value.Folded(f.array().castTo(target))};
        }
        throw c.fail("casting a runtime tensor from " + x.dataType() + " to " + target + " is not supported");
    }
}
