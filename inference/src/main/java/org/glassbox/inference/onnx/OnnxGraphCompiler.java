package org.glassbox.inference.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.inference.onnx.proto.OnnxProto.GraphProto;
import org.glassbox.inference.onnx.proto.OnnxProto.ModelProto;
import org.glassbox.inference.onnx.proto.OnnxProto.NodeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorProto;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorShapeProto;
import org.glassbox.inference.onnx.proto.OnnxProto.ValueInfoProto;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps an ONNX graph onto a SameDiff graph, op by op, specialised to concrete input shapes.
 *
 * <p>Because every input shape is fixed, every tensor's shape is known while building: Shape and
 * the shape arithmetic that follows it are evaluated here (constant folding), and any op whose
 * inputs are all known at load time is computed once, here, rather than on every call. Only ops
 * that depend on a runtime input become SameDiff ops. Float runtime inputs become placeholders;
 * inputs given in {@code knownInputs} (e.g. integer shape tensors in conformance cases) are folded.
 */
final class OnnxGraphCompiler {
    private final ModelProto model;
    private final String source;

    /**
     * @param model  the parsed model
     * @param source the file it came from, for messages
     */
    OnnxGraphCompiler(ModelProto model, String source) {
        this.model = model;
        this.source = source;
    }

    /** The parsed model. */
    ModelProto model() {
        return model;
    }

    /** Graph inputs that are not initializers, in declaration order. */
    List<ValueInfoProto> runtimeInputs() {
        GraphProto g = model.getGraph();
        List<String> init = g.getInitializerList().stream().map(TensorProto::getName).toList();
        return g.getInputList().stream().filter(v -> !init.contains(v.getName())).toList();
    }

    /** Declared dims of a graph input; -1 for a symbolic or missing dimension. */
    static long[] declaredShape(ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
        }
        return s;
    }

    static int declaredElementType(ValueInfoProto v) {
        return v.getType().hasTensorType() ? v.getType().getTensorType().getElemType() : 0;
    }

    /**
     * @param inputShapes concrete shape of every float runtime input
     * @param knownInputs values of runtime inputs to fold (may be empty)
     * @throws IOException naming the file and node on an unknown op or an unsupported/invalid graph
     */
    CompiledGraph compile(Map<String, long[]> inputShapes, Map<String, INDArray> knownInputs) throws IOException {
        SameDiff sd = SameDiff.create();
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        Names names = new Names();
        GraphProto g = model.getGraph();
        int opset = OnnxModelFile.opset(model);
        try {
            for (TensorProto t : g.getInitializerList()) {
                values.put(t.getName(), new Value.Folded(TensorProtos.toArray(t)));
            }
        } catch (OnnxFormatException e) {
            throw new IOException(source + ": initializer: " + e.getMessage(), e);
        }
        for (ValueInfoProto in : runtimeInputs()) {
            String name = in.getName();
            if (knownInputs.containsKey(name)) {
                values.put(name, new Value.Folded(knownInputs.get(name)));
                continue;
            }
            long[] shape = inputShapes.get(name);
            if (shape == null) {
                throw new IOException(source + ": no shape given for graph input '" + name + "'");
            }
            int type = declaredElementType(in);
            if (type != 1) {
                throw new IOException(source + ": graph input '" + name + "' is " + TensorProtos.typeName(type)
                        + "; only float32 runtime inputs are supported");
            }
            long[] declared = declaredShape(in);
            if (declared != null) {
                boolean fits = declared.length == shape.length;
                for (int i = 0; fits && i < shape.length; i++) {
                    fits = declared[i] < 0 || declared[i] == shape[i];
                }
                if (!fits) {
                    throw new IOException(source + ": graph input '" + name + "' is declared " + Arrays.toString(declared)
                            + ", got " + Arrays.toString(shape));
                }
            }
            String sdName = names.next("input");
            SDVariable ph = sd.placeHolder(sdName, DataType.FLOAT, shape);
            placeholders.put(name, sdName);
            values.put(name, new Value.Symbolic(ph, shape, DataType.FLOAT));
        }
        IdentityHashMap<INDArray, SDVariable> constants = new IdentityHashMap<>();
        List<String> layers = new ArrayList<>();
        for (int n = 0; n < g.getNodeCount(); n++) {
            NodeProto node = g.getNode(n);
            String where = source + ": " + node.getOpType() + " node '" + nodeName(node, n) + "'";
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                throw new IOException(where + ": op domain '" + node.getDomain() + "' is not supported");
            }
            OpConverter converter = OnnxOpSet.converter(node.getOpType());
            if (converter == null) {
                throw new IOException(source + ": unknown op " + node.getOpType() + " in node '" + nodeName(node, n)
                        + "' (supported: " + String.join(", ", OnnxOpSet.supported()) + ")");
            }
            List<Value> inputs = new ArrayList<>();
            boolean allKnown = true;
            for (String inName : node.getInputList()) {
                if (inName.isEmpty()) {
                    inputs.add(null);
                    continue;
                }
                Value v = values.get(inName);
                if (v == null) {
                    throw new IOException(where + ": input '" + inName + "' is not produced before this node");
                }
                allKnown &= v instanceof Value.Folded;
                inputs.add(v);
            }
            Value[] outs;
            try {
                if (allKnown) {
                    outs = fold(node, inputs, opset, names);
                } else {
                    NodeContext ctx = new NodeContext(node, inputs, opset, sd,
                            a -> constants.computeIfAbsent(a, k -> sd.constant(names.next("const"), k)), names::next);
                    outs = converter.convert(ctx);
                }
            } catch (OnnxFormatException e) {
                throw new IOException(source + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IOException(where + ": " + e, e);
            }
            for (int i = 0; i < node.getOutputCount(); i++) {
                String outName = node.getOutput(i);
                if (outName.isEmpty()) {
                    continue;
                }
                if (i >= outs.length || outs[i] == null) {
                    throw new IOException(where + ": output " + i + " ('" + outName + "') is not supported");
                }
                values.put(outName, outs[i]);
                if (outs[i] instanceof Value.Symbolic s && s.dataType() == DataType.FLOAT) {
                    layers.add(outName);
                }
            }
        }
        List<String> outputs = new ArrayList<>();
        for (ValueInfoProto out : g.getOutputList()) {
            if (!values.containsKey(out.getName())) {
                throw new IOException(source + ": graph output '" + out.getName() + "' is never produced");
            }
            outputs.add(out.getName());
        }
        return new CompiledGraph(sd, values, placeholders, outputs, layers, source);
    }

    /**
     * The graph above {@code layer} of an already compiled graph: every node that (transitively)
     * reads the layer, converted again into a fresh SameDiff graph whose placeholders are the layer
     * and the runtime tensors from below those nodes read. Load-time constants are shared with
     * {@code full}.
     *
     * @return null when {@code output} does not depend on {@code layer}
     * @throws IOException when a cut tensor is not float32 (the head cannot be fed from the
     *                     eager forward pass) or a node fails to convert
     */
    HeadGraph compileHead(CompiledGraph full, String layer, String output) throws IOException {
        SameDiff sd = SameDiff.create();
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        Names names = new Names();
        int opset = OnnxModelFile.opset(model);
        Value layerValue = full.value(layer);
        if (!(layerValue instanceof Value.Symbolic lv) || lv.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(source + ": '" + layer + "' does not depend on the input; it has no gradient");
        }
        placeholder(sd, names, layer, lv.shape(), values, placeholders);
        IdentityHashMap<INDArray, SDVariable> constants = new IdentityHashMap<>();
        GraphProto g = model.getGraph();
        for (int n = 0; n < g.getNodeCount(); n++) {
            NodeProto node = g.getNode(n);
            boolean above = false;
            for (String in : node.getInputList()) {
                above |= !in.isEmpty() && values.containsKey(in);
            }
            if (!above) {
                continue;
            }
            String where = source + ": " + node.getOpType() + " node '" + nodeName(node, n) + "'";
            List<Value> inputs = new ArrayList<>();
            boolean allKnown = true;
            for (String inName : node.getInputList()) {
                if (inName.isEmpty()) {
                    inputs.add(null);
                    continue;
                }
                Value v = values.get(inName);
                if (v == null) {
                    v = full.value(inName);
                    if (v instanceof Value.Symbolic cut) {
                        if (cut.dataType() != DataType.FLOAT) {
                            throw new IOException(where + ": reads " + cut.dataType() + " tensor '" + inName
                                    + "' from below the layer; only float32 tensors can be fed to the graph above it");
                        }
                        v = placeholder(sd, names, inName, cut.shape(), values, placeholders);
                    }
                }
                allKnown &= v instanceof Value.Folded;
                inputs.add(v);
            }
            Value[] outs;
            try {
                if (allKnown) {
                    outs = fold(node, inputs, opset, names);
                } else {
                    NodeContext ctx = new NodeContext(node, inputs, opset, sd,
                            a -> constants.computeIfAbsent(a, k -> sd.constant(names.next("const"), k)), names::next);
                    outs = OnnxOpSet.converter(node.getOpType()).convert(ctx);
                }
            } catch (OnnxFormatException e) {
                throw new IOException(source + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IOException(where + ": " + e, e);
            }
            for (int i = 0; i < node.getOutputCount() && i < outs.length; i++) {
                if (!node.getOutput(i).isEmpty() && outs[i] != null) {
                    values.put(node.getOutput(i), outs[i]);
                }
            }
        }
        if (!(values.get(output) instanceof Value.Symbolic out)) {
            return null;
        }
        return new HeadGraph(sd, layer, placeholders, out);
    }

    private static Value placeholder(SameDiff sd, Names names, String onnxName, long[] shape, Map<String, Value> values,
                                     Map<String, String> placeholders) {
        String sdName = names.next("cut");
        SDVariable ph = sd.placeHolder(sdName, DataType.FLOAT, shape);
        placeholders.put(onnxName, sdName);
        Value v = new Value.Symbolic(ph, shape, DataType.FLOAT);
        values.put(onnxName, v);
        return v;
    }

    /** Evaluates a node whose inputs are all known, once, in a scratch graph. */
    private static Value[] fold(NodeProto node, List<Value> inputs, int opset, Names names) throws OnnxFormatException {
        SameDiff scratch = SameDiff.create();
        IdentityHashMap<INDArray, SDVariable> constants = new IdentityHashMap<>();
        NodeContext ctx = new NodeContext(node, inputs, opset, scratch,
                a -> constants.computeIfAbsent(a, k -> scratch.constant(names.next("fold_const"), k)), names::next);
        Value[] outs = OnnxOpSet.converter(node.getOpType()).convert(ctx);
        List<String> toRun = new ArrayList<>();
        for (Value v : outs) {
            if (v instanceof Value.Symbolic s) {
                toRun.add(s.variable().name());
            }
        }
        if (toRun.isEmpty()) {
            return outs;
        }
        // Eagerly, like forward passes: a SameDiff session per folded node costs milliseconds.
        EagerSchedule eager = new EagerSchedule(scratch, "constant folding");
        Map<String, INDArray> results = eager.run(Map.of(), toRun, null);
        eager.close();
        Value[] folded = new Value[outs.length];
        for (int i = 0; i < outs.length; i++) {
            if (outs[i] instanceof Value.Symbolic s) {
                INDArray a = results.get(s.variable().name());
                if (!Arrays.equals(a.shape(), s.shape())) {
                    throw ctx.fail("computed shape " + Arrays.toString(a.shape()) + " differs from the expected " + Arrays.toString(s.shape()));
                }
                folded[i] = new Value.Folded(a.dup('c'));
            } else {
                folded[i] = outs[i];
            }
        }
        return folded;
    }

    private static String nodeName(NodeProto node, int index) {
        return node.getName().isEmpty() ? "#" + index + " -> " + String.join(",", node.getOutputList()) : node.getName();
    }

    /** Unique SameDiff variable names (ONNX names may contain characters SameDiff treats specially). */
    private static final class Names {
        private int next;

        String next(String hint) {
            return hint + "_" + (next++);
        }
    }
}
