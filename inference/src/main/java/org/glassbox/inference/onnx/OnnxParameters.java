package org.glassbox.inference.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.glassbox.inference.engine.ParameterDraws;
import org.glassbox.inference.onnx.proto.OnnxProto.GraphProto;
import org.glassbox.inference.onnx.proto.OnnxProto.ModelProto;
import org.glassbox.inference.onnx.proto.OnnxProto.NodeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorProto;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameterised layers of an ONNX graph and randomised copies of it. A parameterised layer is a
 * node that reads a float32 initializer of more than one element (Conv/Gemm weights and biases,
 * MatMul weights, the bias Add after a MatMul, norm scales); it is named by its first output, like
 * every probe layer. For BatchNormalization only scale and bias are learned weights; the running
 * mean and variance are left alone. An initializer shared by several nodes belongs to the topmost.
 */
final class OnnxParameters {
    private OnnxParameters() {
    }

    /** One parameterised node: its first output's name and the initializers it owns. */
    record ParameterLayer(String name, List<String> initializers) {
    }

    /** Parameterised layers, the output's end first. */
    static List<ParameterLayer> topDown(ModelProto model) {
        GraphProto g = model.getGraph();
        Map<String, TensorProto> floats = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            if (t.getDataType() == 1 && elements(t) > 1) {
                floats.put(t.getName(), t);
            }
        }
        List<ParameterLayer> layers = new ArrayList<>();
        java.util.Set<String> owned = new java.util.HashSet<>();
        for (int n = g.getNodeCount() - 1; n >= 0; n--) {
            NodeProto node = g.getNode(n);
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < node.getInputCount(); i++) {
                String in = node.getInput(i);
                boolean learned = !node.getOpType().equals("BatchNormalization") || i == 1 || i == 2;
                if (learned && floats.containsKey(in) && owned.add(in)) {
                    mine.add(in);
                }
            }
            if (!mine.isEmpty() && node.getOutputCount() > 0) {
                layers.add(new ParameterLayer(node.getOutput(0), List.copyOf(mine)));
            }
        }
        return layers;
    }

    /**
     * A copy of {@code model} whose initializers of the first {@code count} layers of {@code layers}
     * are re-drawn ({@link ParameterDraws}), in that order, from one stream seeded by {@code seed}.
     */
    static ModelProto randomized(ModelProto model, List<ParameterLayer> layers, int count, long seed) throws OnnxFormatException {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, TensorProto> replaced = new HashMap<>();
        Map<String, TensorProto> byName = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            byName.put(t.getName(), t);
        }
        for (ParameterLayer layer : layers.subList(0, count)) {
            for (String name : layer.initializers()) {
                TensorProto t = byName.get(name);
                INDArray a = TensorProtos.toArray(t).castTo(DataType.FLOAT);
                float[] values = ParameterDraws.redraw(a.reshape(a.length()).toFloatVector(), random);
                ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                raw.asFloatBuffer().put(values);
                replaced.put(name, TensorProto.newBuilder().setName(name).setDataType(1).addAllDims(t.getDimsList())
                        .setRawData(ByteString.copyFrom(raw.array())).build());
            }
        }
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto r = replaced.get(g.getInitializer(i).getName());
            if (r != null) {
                g.setInitializer(i, r);
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static long elements(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }
}
