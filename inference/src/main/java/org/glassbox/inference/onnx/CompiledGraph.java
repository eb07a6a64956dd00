package org.glassbox.inference.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX graph built once as SameDiff for fixed input shapes: run it for outputs (any node output,
 * by ONNX name) — eagerly, op by op ({@link EagerSchedule}), or through a SameDiff session as a
 * reference — and differentiate a weighted sum of one output for gradients (SameDiff). Not
 * thread-safe.
 */
final class CompiledGraph {
    private static final String MASK = "glassbox_target_mask";
    private static final String LOSS = "glassbox_target_loss";
    private static final String ANCHOR = "glassbox_gradient_anchor";

    private final SameDiff sd;
    private final Map<String, Value> values;
    private final Map<String, String> placeholders;
    private final List<String> outputs;
    private final List<String> layers;
    private final String source;
    private final EagerSchedule eager;
    /** The output whose loss ops were added to the graph, and the one whose gradient function exists. */
    private String lossOutput;
    /** SameDiff's gradient graph, run op by op; built on the first gradient request. */
    private EagerSchedule gradientEager;
    private String gradientOutput;
    /** Graphs above a layer, by layer; empty when the output does not depend on the layer. */
    private final Map<String, java.util.Optional<HeadGraph>> heads = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, java.util.Optional<HeadGraph>> eldest) {
            return size() > 3;
        }
    };

    CompiledGraph(SameDiff sd, Map<String, Value> values, Map<String, String> placeholders, List<String> outputs, List<String> layers, String source) {
        this.sd = sd;
        this.values = values;
        this.placeholders = placeholders;
        this.outputs = List.copyOf(outputs);
        this.layers = List.copyOf(layers);
        this.source = source;
        // Built before any gradient set-up adds the loss ops (which forward passes never need).
        Map<String, long[]> declared = new HashMap<>();
        for (Value v : values.values()) {
            if (v instanceof Value.Symbolic s) {
                declared.put(s.variable().name(), s.shape());
            }
        }
        this.eager = new EagerSchedule(sd, source, declared);
    }

    /** ONNX names of the graph outputs. */
    List<String> outputs() {
        return outputs;
    }

    /** ONNX names of the float node outputs computed at run time, in graph order. */
    List<String> layers() {
        return layers;
    }

    /** ONNX names of the runtime (placeholder) inputs. */
    List<String> inputs() {
        return List.copyOf(placeholders.keySet());
    }

    /** Static shape of a tensor, or null for an unknown name. */
    long[] shape(String onnxName) {
        Value v = values.get(onnxName);
        return v == null ? null : v.shape();
    }

    /** How {@link #run} executes the graph. */
    enum Executor {
        /** Op by op, directly ({@link EagerSchedule}); the fast path. */
        EAGER,
        /** Through SameDiff's InferenceSession; the reference the eager path is checked against. */
        SAMEDIFF
    }

    /**
     * Runs the graph eagerly.
     *
     * @param inputs float32 arrays for every runtime input, by ONNX name, in the compiled shapes
     * @param names  ONNX tensor names to return
     * @return each named tensor, by name; arrays are the caller's own (not reused by later runs)
     */
    Map<String, INDArray> run(Map<String, INDArray> inputs, List<String> names) {
        return run(inputs, names, Executor.EAGER, null);
    }

    /**
     * @param profile null, or where the eager executor adds its per-op timings (ignored by SameDiff)
     */
    Map<String, INDArray> run(Map<String, INDArray> inputs, List<String> names, Executor executor, EagerSchedule.Profile profile) {
        Map<String, INDArray> feed = feed(inputs);
        Map<String, INDArray> result = new LinkedHashMap<>();
        List<String> symbolic = new ArrayList<>();
        for (String name : names) {
            Value v = value(name);
            if (v instanceof Value.Folded f) {
                result.put(name, f.array());
            } else {
                symbolic.add(((Value.Symbolic) v).variable().name());
            }
        }
        if (!symbolic.isEmpty()) {
            Map<String, INDArray> out = executor == Executor.EAGER ? eager.run(feed, symbolic, profile)
                    : sd.output(feed, symbolic.toArray(new String[0]));
            for (String name : names) {
                if (values.get(name) instanceof Value.Symbolic s) {
                    result.put(name, out.get(s.variable().name()));
                }
            }
        }
        return result;
    }

    /** What {@link #gradient} returns: the layer's activations, the output, and both gradients. */
    record Gradients(INDArray activations, INDArray output, INDArray layerGradient, INDArray inputGradient) {
    }

    /**
     * Gradient of {@code sum(output ⊙ mask)} — with a mask of the output's shape that is 1 in the
     * target column, the target logit summed over the batch — with respect to {@code layer} and to
     * {@code input}.
     */
    Gradients gradient(Map<String, INDArray> inputs, String input, String layer, String output, INDArray mask) {
        return gradient(inputs, input, layer, output, mask, Executor.EAGER, null);
    }

    /**
     * @param executor EAGER runs SameDiff's gradient graph op by op; SAMEDIFF through its session (the reference)
     * @param profile  null, or where the eager executor adds its per-op timings
     */
    Gradients gradient(Map<String, INDArray> inputs, String input, String layer, String output, INDArray mask, Executor executor,
                       EagerSchedule.Profile profile) {
        Value layerValue = value(layer);
        Value outValue = value(output);
        if (!(layerValue instanceof Value.Symbolic lv) || lv.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(source + ": '" + layer + "' does not depend on the input; it has no gradient");
        }
        if (!(outValue instanceof Value.Symbolic ov)) {
            throw new IllegalArgumentException(source + ": output '" + output + "' does not depend on the input");
        }
        if (!placeholders.containsKey(input)) {
            throw new IllegalArgumentException(source + ": no runtime input '" + input + "'");
        }
        ensureLoss(output, ov);
        Map<String, INDArray> feed = feed(inputs);
        feed.put(MASK, mask);
        String layerVar = lv.variable().name();
        String inputVar = placeholders.get(input);
        String outVar = ov.variable().name();
        List<String> wrt = layerVar.equals(inputVar) ? List.of(inputVar) : List.of(layerVar, inputVar);
        INDArray act;
        INDArray out;
        INDArray gLayer;
        INDArray gInput;
        if (executor == Executor.EAGER) {
            Map<String, INDArray> r = gradientSchedule().run(feed, eagerGradientNames(layerVar, outVar, inputVar), profile);
            act = r.get(layerVar);
            out = r.get(outVar);
            gLayer = layerVar.equals(inputVar) ? null : r.get(gradName(layerVar));
            gInput = r.get(gradName(inputVar));
            if (gLayer == null && layerVar.equals(inputVar)) {
                gLayer = gInput;
            }
        } else {
            OutAndGrad r = sd.calculateGradientsAndOutputs(feed, List.of(layerVar, outVar), wrt);
            act = r.getOutputs().get(layerVar);
            out = r.getOutputs().get(outVar);
            gLayer = r.getGradients().get(layerVar);
            gInput = r.getGradients().get(inputVar);
        }
        return new Gradients(act, out, orZeros(gLayer, lv.shape()), gInput);
    }

    private EagerSchedule gradientSchedule() {
        if (gradientEager == null) {
            gradientEager = new EagerSchedule(sd.getFunction("grad"), source + " (gradient)");
        }
        return gradientEager;
    }

    private String gradName(String variable) {
        SDVariable g = sd.getFunction("grad").getVariable(variable).gradient();
        return g == null ? null : g.name();
    }

    private List<String> eagerGradientNames(String layerVar, String outVar, String inputVar) {
        List<String> names = new ArrayList<>(List.of(layerVar, outVar));
        String gInput = gradName(inputVar);
        if (gInput == null) {
            throw new IllegalStateException(source + ": SameDiff built no input gradient");
        }
        names.add(gInput);
        String gLayer = layerVar.equals(inputVar) ? null : gradName(layerVar);
        if (gLayer != null) {
            names.add(gLayer);
        }
        return names;
    }

    /** The graph above a layer, built once per layer by {@code builder} (a few layers kept). */
    HeadGraph head(String layer, HeadBuilder builder) throws java.io.IOException {
        if (!heads.containsKey(layer)) {
            heads.put(layer, java.util.Optional.ofNullable(builder.build(this, layer)));
        }
        return heads.get(layer).orElse(null);
    }

    /** Builds the graph above a layer of this graph, or null when the output does not depend on it. */
    @FunctionalInterface
    interface HeadBuilder {
        HeadGraph build(CompiledGraph full, String layer) throws java.io.IOException;
    }

    /** Number of ND4J ops one full forward pass executes. */
    int opCount() {
        return eager.size();
    }

    /** Frees the native op contexts and the eager executor's buffers. */
    void close() {
        eager.close();
        if (gradientEager != null) {
            gradientEager.close();
        }
    }

    private static INDArray orZeros(INDArray a, long[] shape) {
        // SameDiff leaves out the gradient of a layer the output does not depend on: it is zero.
        return a != null ? a : Nd4j.zeros(DataType.FLOAT, shape);
    }

    private void ensureLoss(String output, Value.Symbolic ov) {
        if (output.equals(gradientOutput)) {
            return;
        }
        if (gradientOutput != null || (lossOutput != null && !lossOutput.equals(output))) {
            throw new IllegalStateException("gradients were set up for output '" + (gradientOutput != null ? gradientOutput : lossOutput) + "'");
        }
        if (lossOutput == null) {
            // The mask has the output's full shape: no broadcasting in the multiply whose backprop we need.
            long[] maskShape = ov.shape();
            SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, maskShape);
            // SameDiff refuses to differentiate a graph without a trainable VARIABLE (our weights are
            // constants, so no weight gradients are computed): a zero scalar variable added to the loss
            // satisfies it without changing any gradient.
            SDVariable anchor = sd.var(ANCHOR, Nd4j.scalar(0f));
            SDVariable loss = sd.sum(ov.variable().mul(mask)).add(LOSS, anchor);
            sd.setLossVariables(loss);
            lossOutput = output;
        }
        // Placeholders get no gradient unless named here; the layers between input and loss then
        // get theirs as part of the chain. When SameDiff cannot differentiate an op this throws, and
        // a later call tries again (and throws the same error) rather than finding the loss half-built.
        GradFunctions.create(sd, placeholders.values().toArray(new String[0]));
        gradientOutput = output;
    }

    /** The value of an ONNX tensor. @throws IllegalArgumentException for an unknown name */
    Value value(String name) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(source + ": no tensor named '" + name + "'");
        }
        return v;
    }

    private Map<String, INDArray> feed(Map<String, INDArray> inputs) {
        Map<String, INDArray> feed = new HashMap<>();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            INDArray a = inputs.get(p.getKey());
            if (a == null) {
                throw new IllegalArgumentException(source + ": input '" + p.getKey() + "' is missing");
            }
            long[] expected = values.get(p.getKey()).shape();
            if (!Arrays.equals(a.shape(), expected) || a.dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException(source + ": input '" + p.getKey() + "' must be float32 "
                        + Arrays.toString(expected) + ", got " + a.dataType() + Arrays.toString(a.shape()));
            }
            feed.put(p.getValue(), a);
        }
        return feed;
    }
}
