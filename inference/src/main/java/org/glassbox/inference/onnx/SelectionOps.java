package org.glassbox.inference.onnx;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;

/**
 * Comparison and selection: Equal (→ bool) and Where (select by a bool condition), both with numpy
 * broadcasting (ONNX Broadcasting.md). Exporters emit them in shape arithmetic — PyTorch's
 * {@code expand(n, -1, -1)} becomes ConstantOfShape → Mul −1 → Equal → Where → Expand on int64
 * shapes — where they are folded at load time; on runtime tensors they become ND4J ops.
 */
final class SelectionOps {
    private SelectionOps() {
    }

    static void register(Map<String, OpConverter> ops) {
        ops.put("Equal", SelectionOps::equal);
        ops.put("Where", SelectionOps::where);
    }

    private static Value[] equal(NodeContext c) throws OnnxFormatException {
        Value a = c.in(0);
        Value b = c.in(1);
        if (a.dataType() != b.dataType()) {
            throw c.fail("operand types differ: " + a.dataType() + " and " + b.dataType());
        }
        long[] shape = Shapes.broadcast(c, a.shape(), b.shape());
        SDVariable out = c.sd().eq(c.freshName("equal"), c.var(a), c.var(b));
        return new Value[] {c.sym(out, shape, DataType.BOOL)};
    }

    private static Value[] where(NodeContext c) throws OnnxFormatException {
        Value cond = c.in(0);
        Value x = c.in(1);
        Value y = c.in(2);
        if (cond.dataType() != DataType.BOOL) {
            throw c.fail("condition must be bool, got " + cond.dataType());
        }
        if (x.dataType() != y.dataType()) {
            throw c.fail("X and Y types differ: " + x.dataType() + " and " + y.dataType());
        }
        long[] shape = Shapes.broadcast(c, Shapes.broadcast(c, cond.shape(), x.shape()), y.shape());
        if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
            throw c.fail("Where on an empty tensor " + Arrays.toString(shape) + " is not supported");
        }
        // ND4J's select takes equal shapes: broadcast all three first.
        SDVariable[] args = {
            c.var(Shapes.broadcastTo(c, cond, shape)), c.var(Shapes.broadcastTo(c, x, shape)), c.var(Shapes.broadcastTo(c, y, shape))
        };
        SDVariable out = new Select(c.sd(), args).outputVariable();
        return new Value[] {c.sym(out, shape, x.dataType())};
    }
}
