package org.glassbox.inference.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.inference.onnx.proto.OnnxProto.AttributeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.GraphProto;
import org.glassbox.inference.onnx.proto.OnnxProto.ModelProto;
import org.glassbox.inference.onnx.proto.OnnxProto.NodeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorProto;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorShapeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.TypeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.ValueInfoProto;

/** Builds small ONNX graphs in tests: one float32 input, nodes, named outputs (opset 14). */
final class TinyOnnxGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny");

    /** @param input name of the float32 graph input; {@code shape} its dimensions */
    TinyOnnxGraph(String input, long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        graph.addInput(ValueInfoProto.newBuilder().setName(input)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))));
    }

    TinyOnnxGraph node(String opType, String[] inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName("/" + output).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    /** A Constant node holding an int64 tensor of {@code dims} (none: a rank-0 scalar). */
    TinyOnnxGraph longConstant(String output, long[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(output).setDataType(7);
        for (long d : dims) {
            t.addDims(d);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        return node("Constant", new String[0], output,
                AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(t).build());
    }

    /** A Constant node holding a float32 tensor of {@code dims} (none: a rank-0 scalar). */
    TinyOnnxGraph floatConstant(String output, float[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(output).setDataType(1);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return node("Constant", new String[0], output,
                AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(t).build());
    }

    /** A float32 initializer of {@code dims} (a graph weight, not a Constant node). */
    TinyOnnxGraph initializer(String name, float[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        graph.addInitializer(t);
        return this;
    }

    static AttributeProto tensorAttr(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    TinyOnnxGraph output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name));
        return this;
    }

    Path write(Path file) throws IOException {
        ModelProto m = ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(14)).setGraph(graph).build();
        Files.write(file, m.toByteArray());
        return file;
    }
}
