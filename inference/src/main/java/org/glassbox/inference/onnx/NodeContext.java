package org.glassbox.inference.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.glassbox.inference.onnx.proto.OnnxProto.AttributeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.NodeProto;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an {@link OpConverter} sees of one node: its attributes (with ONNX defaults supplied by the
 * caller), its input values, the opset version and the SameDiff graph to add ops to.
 */
final class NodeContext {
    private final NodeProto node;
    private final List<Value> inputs;
    private final int opset;
    private final SameDiff sd;
    private final Function<INDArray, SDVariable> constants;
    private final NameSource names;

    NodeContext(NodeProto node, List<Value> inputs, int opset, SameDiff sd, Function<INDArray, SDVariable> constants, NameSource names) {
        this.node = node;
        this.inputs = inputs;
        this.opset = opset;
        this.sd = sd;
        this.constants = constants;
        this.names = names;
    }

    /** Unique SameDiff names. */
    interface NameSource {
        String next(String hint);
    }

    String opType() {
        return node.getOpType();
    }

    int opset() {
        return opset;
    }

    SameDiff sd() {
        return sd;
    }

    String freshName(String hint) {
        return names.next(hint);
    }

    // ---- inputs

    int inputCount() {
        return inputs.size();
    }

    /** True when input {@code i} is given (ONNX marks a skipped optional input by an empty name). */
    boolean has(int i) {
        return i < inputs.size() && inputs.get(i) != null;
    }

    Value in(int i) throws OnnxFormatException {
        if (!has(i)) {
            throw fail("input " + i + " is missing");
        }
        return inputs.get(i);
    }

    /** Input {@code i}, which must be known at load time (an initializer, constant or shape). */
    INDArray folded(int i, String role) throws OnnxFormatException {
        Value v = in(i);
        if (v instanceof Value.Folded f) {
            return f.array();
        }
        throw fail("input " + i + " (" + role + ") must be known at load time (initializer, Constant or shape "
                + "computation), but it depends on the model input");
    }

    long[] longs(int i, String role) throws OnnxFormatException {
        INDArray a = folded(i, role);
        if (a.dataType().isFPType() || a.dataType() == DataType.BOOL) {
            throw fail("input " + i + " (" + role + ") must be integer, got " + a.dataType());
        }
        return a.length() == 0 ? new long[0] : a.castTo(DataType.LONG).reshape(a.length()).toLongVector();
    }

    /** The SameDiff variable for a value: known values become graph constants (shared, not copied). */
    SDVariable var(Value v) {
        if (v instanceof Value.Symbolic s) {
            return s.variable();
        }
        return constants.apply(((Value.Folded) v).array());
    }

    SDVariable var(int i) throws OnnxFormatException {
        return var(in(i));
    }

    /** Input {@code i} must be float32 (runtime tensors) — the engine computes in float32. */
    Value floatIn(int i) throws OnnxFormatException {
        Value v = in(i);
        if (v.dataType() != DataType.FLOAT) {
            if (v instanceof Value.Folded f && f.array().dataType().isFPType()) {
                return new Value.Folded(f.array().castTo(DataType.FLOAT));
            }
            throw fail("input " + i + " must be float32, got " + v.dataType());
        }
        return v;
    }

    // ---- outputs

    int outputCount() {
        return node.getOutputCount();
    }

    /** True when output {@code i} exists (non-empty name) — optional outputs may be requested. */
    boolean wantsOutput(int i) {
        return i < node.getOutputCount() && !node.getOutput(i).isEmpty();
    }

    Value sym(SDVariable v, long[] shape) {
        return new Value.Symbolic(v, shape, DataType.FLOAT);
    }

    Value sym(SDVariable v, long[] shape, DataType type) {
        return new Value.Symbolic(v, shape, type);
    }

    // ---- attributes

    private AttributeProto attr(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean hasAttr(String name) {
        return attr(name) != null;
    }

    long attrInt(String name, long dflt) {
        AttributeProto a = attr(name);
        return a == null ? dflt : a.getI();
    }

    float attrFloat(String name, float dflt) {
        AttributeProto a = attr(name);
        return a == null ? dflt : a.getF();
    }

    String attrString(String name, String dflt) {
        AttributeProto a = attr(name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    long[] attrInts(String name, long[] dflt) {
        AttributeProto a = attr(name);
        if (a == null) {
            return dflt;
        }
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    float[] attrFloats(String name) {
        AttributeProto a = attr(name);
        if (a == null) {
            return null;
        }
        float[] f = new float[a.getFloatsCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.getFloats(i);
        }
        return f;
    }

    AttributeProto attribute(String name) {
        return attr(name);
    }

    // ---- errors

    OnnxFormatException fail(String message) {
        return new OnnxFormatException(describe() + ": " + message);
    }

    String describe() {
        return node.getOpType() + " node '" + (node.getName().isEmpty() ? String.join(",", node.getOutputList()) : node.getName()) + "'";
    }

    /** Normalises a possibly negative axis against {@code rank}. */
    int axis(long axis, int rank) throws OnnxFormatException {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw fail("axis " + axis + " is outside a rank-" + rank + " tensor");
        }
        return (int) a;
    }

    static String text(long[] shape) {
        return Arrays.toString(shape);
    }
}
