package org.glassbox.inference.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J graph behind core's classifier and activation-probe interfaces. Two copies of the
 * loss-free inference graph ({@link InferenceGraphs}) hold the same parameters: one with
 * workspaces for logits and activations (fast), one without workspaces for gradients (see
 * {@link ProbeGraph}). Logits are the output layer's pre-activation; gradients are computed by
 * backpropagation after an inference-mode forward pass (batch norm uses its running statistics,
 * dropout is off), so they are the derivatives of exactly what {@link #logits} returns.
 * Single-input, single-output graphs only. Tensors in and out are NCHW whatever the graph's own
 * layout: a {@link TensorLayout} permutes at the boundary (Keras graphs run channels-last).
 * Methods are synchronized: ND4J graphs keep per-call state.
 */
final class Dl4jLoadedModel implements LoadedModel {
    private final ModelDescriptor descriptor;
    private final String targetLayer;
    private final ComputationGraph runner;
    private final ProbeGraph probe;
    private final TensorLayout layout;
    private final String inputName;
    private final String outputName;
    private final List<String> layers;
    private final Set<String> fedByInput;
    private final String summary;
    private final String format;
    /** Graphs above a layer ({@link HeadGraphs}), by layer; empty when the output does not depend on it. */
    private final Map<String, java.util.Optional<HeadGraphs.Head>> heads = new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, java.util.Optional<HeadGraphs.Head>> eldest) {
            return size() > 3;
        }
    };

    private Dl4jLoadedModel(ModelDescriptor descriptor, String targetLayer, ComputationGraph runner, ProbeGraph probe,
                            TensorLayout layout, String summary, String format) {
        this.descriptor = descriptor;
        this.targetLayer = targetLayer;
        this.runner = runner;
        this.probe = probe;
        this.layout = layout;
        ComputationGraphConfiguration c = runner.getConfiguration();
        this.inputName = c.getNetworkInputs().get(0);
        this.outputName = c.getNetworkOutputs().get(0);
        List<String> names = new ArrayList<>();
        for (String v : c.getTopologicalOrderStr()) {
            if (!c.getNetworkInputs().contains(v)) {
                names.add(v);
            }
        }
        this.layers = List.copyOf(names);
        Set<String> first = new HashSet<>();
        for (String v : names) {
            List<String> in = c.getVertexInputs().get(v);
            if (in != null && c.getNetworkInputs().containsAll(in)) {
                first.add(v);
            }
        }
        this.fedByInput = Set.copyOf(first);
        this.summary = summary;
        this.format = format;
    }

    /**
     * @param trained the graph as trained/saved (its output layer may carry a loss)
     * @throws IllegalArgumentException when the graph has several inputs or outputs, an unsupported
     *                                  output layer, the target layer is unknown, or the descriptor's
     *                                  label count differs from the outputs
     */
    static Dl4jLoadedModel of(ComputationGraph trained, ModelDescriptor descriptor, String targetLayer, String format) {
        return of(trained, descriptor, targetLayer, format, TensorLayout.nchw());
    }

    /**
     * As {@link #of(ComputationGraph, ModelDescriptor, String, String)} for a graph whose tensors
     * are laid out as {@code layout} says (inputs and outputs of the loaded model stay NCHW).
     */
    static Dl4jLoadedModel of(ComputationGraph trained, ModelDescriptor descriptor, String targetLayer, String format,
                              TensorLayout layout) {
        ComputationGraphConfiguration conf = trained.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("graph has " + conf.getNetworkInputs().size() + " inputs and "
                    + conf.getNetworkOutputs().size() + " outputs; GlassBox runs single-input, single-output models");
        }
        INDArray params = trained.params();
        ComputationGraph runner = new ComputationGraph(InferenceGraphs.lossFree(conf, WorkspaceMode.ENABLED));
        ProbeGraph probe;
        try {
            runner.init(params.dup(), false);
            probe = new ProbeGraph(InferenceGraphs.forGradients(conf, batchNormRanks(runner, descriptor, layout)));
            probe.init();
            InferenceGraphs.copyParameters(trained, probe);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("could not rebuild the graph for inference: " + e.getMessage(), e);
        }
        String summary = format + " ComputationGraph (" + trained.numParams() + " parameters"
                + (layout.inputChannelsLast() ? ", channels-last" : "") + ") on CPU (nd4j-native, "
                + Runtime.getRuntime().availableProcessors() + " cores)";
        Dl4jLoadedModel m = new Dl4jLoadedModel(descriptor, targetLayer, runner, probe, layout, summary, format);
        if (targetLayer != null && !m.layers.contains(targetLayer)) {
            throw new IllegalArgumentException("explain target layer '" + targetLayer + "' is not in the graph (layers: " + m.layers + ")");
        }
        return m;
    }

    /** Rank of each batch-norm layer's activations, from one forward pass of a zero input. */
    private static Map<String, Integer> batchNormRanks(ComputationGraph runner, ModelDescriptor descriptor, TensorLayout layout) {
        Map<String, Integer> ranks = new HashMap<>();
        List<String> bns = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer l : runner.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                bns.add(l.conf().getLayer().getLayerName());
            }
        }
        if (bns.isEmpty()) {
            return ranks;
        }
        long[] shape = new long[descriptor.inputShape().size() + 1];
        shape[0] = 1;
        for (int i = 0; i < descriptor.inputShape().size(); i++) {
            shape[i + 1] = descriptor.inputShape().get(i);
        }
        INDArray[] out = runner.output(bns, false, new INDArray[] {layout.toGraphInput(Nd4j.zeros(shape))}, null);
        for (int i = 0; i < bns.size(); i++) {
            ranks.put(bns.get(i), out[i].rank());
        }
        return ranks;
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public synchronized Tensor logits(Tensor batch) {
        INDArray x = input(batch);
        return checkedOutputs(Nd4jTensors.toTensor(runner.output(false, x)[0]));
    }

    @Override
    public List<String> layerNames() {
        return layers;
    }

    @Override
    public String defaultTargetLayer() {
        return targetLayer;
    }

    @Override
    public synchronized Tensor activations(Tensor batch, String layer) {
        requireLayer(layer);
        INDArray x = input(batch);
        // DL4J M2.1's outputOfLayersDetached leaves a workspace open (and fails) when asked for a layer
        // fed directly by the network input; the probe graph runs without workspaces. Its layers
        // equal the runner's except batch norm, which it computes as the folded affine map (equal to
        // float rounding).
        // Non-layer vertices (e.g. ElementWiseVertex) trip the same workspace check.
        ComputationGraph g = fedByInput.contains(layer) || !runner.getVertex(layer).hasLayer() ? probe : runner;
        INDArray[] out = g.output(List.of(layer), false, new INDArray[] {x}, null);
        return Nd4jTensors.toTensor(layout.toNchw(layer, out[0]));
    }

    @Override
    public synchronized LayerGradient gradient(Tensor batch, String layer, int target) {
        requireLayer(layer);
        INDArray x = input(batch);
        try {
            var acts = probe.feedForward(new INDArray[] {x}, false, false);
            INDArray out = acts.get(outputName);
            int outputs = (int) out.size(1);
            if (target < 0 || target >= outputs) {
                throw new IllegalArgumentException("target " + target + " not in [0, " + outputs + ")");
            }
            // d(sum over the batch of logit[target]) / d(output): one-hot per row.
            INDArray eps = Nd4j.zeros(out.dataType(), out.shape());
            eps.getColumn(target).assign(1);
            probe.backpropagate(eps);
            INDArray layerAct = acts.get(layer);
            GraphVertex lv = probe.getVertex(layer);
            GraphVertex iv = probe.getVertex(inputName);
            INDArray layerGrad = lv.getEpsilon() == null ? Nd4j.zeros(layerAct.dataType(), layerAct.shape()) : lv.getEpsilon();
            INDArray inputGrad = iv.getEpsilon() == null ? Nd4j.zeros(x.dataType(), x.shape()) : iv.getEpsilon();
            if (!Arrays.equals(layerGrad.shape(), layerAct.shape()) || !Arrays.equals(inputGrad.shape(), x.shape())) {
                throw new IllegalStateException("gradient shapes " + Arrays.toString(layerGrad.shape()) + "/" + Arrays.toString(inputGrad.shape())
                        + " do not match activations " + Arrays.toString(layerAct.shape()) + "/" + Arrays.toString(x.shape()));
            }
            return new LayerGradient(layer, Nd4jTensors.toTensor(layout.toNchw(layer, layerAct)),
                    Nd4jTensors.toTensor(layout.toNchw(layer, layerGrad)), Nd4jTensors.toTensor(layout.toNchw(inputName, inputGrad)),
                    Nd4jTensors.toTensor(out));
        } finally {
            probe.clearLayersStates();
            for (GraphVertex v : probe.getVertices()) {
                v.setEpsilon(null);
            }
        }
    }

    /**
     * Gradient with respect to the layer only: the fast inference graph runs forward to the layer
     * (and to any vertex below it that the layers above read), then only the graph above the layer
     * ({@link HeadGraphs}) runs forward and backward. The input gradient is not computed (null).
     */
    @Override
    public synchronized LayerGradient layerGradient(Tensor batch, String layer, int target) {
        requireLayer(layer);
        INDArray x = input(batch);
        HeadGraphs.Head head = heads.computeIfAbsent(layer, l -> java.util.Optional.ofNullable(HeadGraphs.above(probe, l))).orElse(null);
        if (head == null) {
            return gradient(batch, layer, target);
        }
        INDArray[] fed = forwardTo(head.inputs(), x);
        INDArray layerAct = fed[0];
        if (head.graph() == null) {
            // The layer is the output: d(sum of logit[target]) / d(output) is one-hot per row.
            INDArray eps = oneHot(layerAct, target);
            return new LayerGradient(layer, Nd4jTensors.toTensor(layerAct), Nd4jTensors.toTensor(eps), null, Nd4jTensors.toTensor(layerAct));
        }
        ProbeGraph g = head.graph();
        try {
            var acts = g.feedForward(fed, false, false);
            INDArray out = acts.get(outputName);
            INDArray eps = oneHot(out, target);
            g.backpropagate(eps);
            INDArray layerGrad = g.getVertex(layer).getEpsilon();
            if (layerGrad == null) {
                layerGrad = Nd4j.zeros(layerAct.dataType(), layerAct.shape());
            }
            if (!Arrays.equals(layerGrad.shape(), layerAct.shape())) {
                throw new IllegalStateException("gradient shape " + Arrays.toString(layerGrad.shape()) + " does not match activations "
                        + Arrays.toString(layerAct.shape()));
            }
            return new LayerGradient(layer, Nd4jTensors.toTensor(layout.toNchw(layer, layerAct)),
                    Nd4jTensors.toTensor(layout.toNchw(layer, layerGrad)), null, Nd4jTensors.toTensor(out));
        } finally {
            g.clearLayersStates();
            for (GraphVertex v : g.getVertices()) {
                v.setEpsilon(null);
            }
        }
    }

    /** Outputs of the named vertices (the network input by its name) in one forward pass. */
    private INDArray[] forwardTo(List<String> names, INDArray x) {
        List<String> vertices = names.stream().filter(n -> !n.equals(inputName)).toList();
        INDArray[] out = new INDArray[names.size()];
        if (!vertices.isEmpty()) {
            // DL4J M2.1's outputOfLayersDetached leaves a workspace open (and fails) for a vertex fed
            // directly by the network input and for non-layer vertices (seen: ElementWiseVertex);
            // the workspace-free probe graph computes those.
            boolean safe = vertices.stream().allMatch(v -> !fedByInput.contains(v) && runner.getVertex(v).hasLayer());
            ComputationGraph g = safe ? runner : probe;
            INDArray[] computed = g.output(vertices, false, new INDArray[] {x}, null);
            for (int i = 0; i < vertices.size(); i++) {
                out[names.indexOf(vertices.get(i))] = computed[i];
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(inputName)) {
                out[i] = x;
            }
        }
        return out;
    }

    /** d(sum over the batch of logit[target]) / d(output): one-hot per row; checks the target. */
    private static INDArray oneHot(INDArray out, int target) {
        int outputs = (int) out.size(1);
        if (target < 0 || target >= outputs) {
            throw new IllegalArgumentException("target " + target + " not in [0, " + outputs + ")");
        }
        INDArray eps = Nd4j.zeros(out.dataType(), out.shape());
        eps.getColumn(target).assign(1);
        return eps;
    }

    /** Vertices with parameters (conv, batch norm, dense, the output layer), the output's end first. */
    @Override
    public List<String> parameterLayersTopDown() {
        List<String> out = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            GraphVertex v = runner.getVertex(layers.get(i));
            if (v.hasLayer() && v.getLayer().numParams() > 0) {
                out.add(layers.get(i));
            }
        }
        return out;
    }

    /**
     * A copy whose top {@code count} parameterised layers are re-drawn
     * ({@link org.glassbox.inference.engine.ParameterDraws}: normal with each parameter tensor's own
     * mean and standard deviation; batch norm's running mean and variance are kept, they are
     * statistics, not learned weights). The descriptor's sha256 names the randomisation.
     */
    @Override
    public synchronized Dl4jLoadedModel withRandomizedTopLayers(int count, long seed) {
        List<String> top = parameterLayersTopDown();
        if (count < 0 || count > top.size()) {
            throw new IllegalArgumentException("count " + count + " is outside [0, " + top.size() + "] (parameterised layers: " + top + ")");
        }
        // Not runner.clone(): it builds an updater, and the loss-free layers have none (NPE in M2.1).
        ComputationGraph copy = new ComputationGraph(runner.getConfiguration().clone());
        copy.init(runner.params().dup(), false);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (String name : top.subList(0, count)) {
            org.deeplearning4j.nn.api.Layer l = copy.getLayer(name);
            boolean bn = l.conf().getLayer() instanceof BatchNormalization;
            for (Map.Entry<String, INDArray> p : l.paramTable().entrySet()) {
                if (bn && !p.getKey().equals(org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA)
                        && !p.getKey().equals(org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.BETA)) {
                    continue;
                }
                INDArray a = p.getValue();
                float[] v = org.glassbox.inference.engine.ParameterDraws.redraw(a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                        .dup('c').reshape(a.length()).toFloatVector(), random);
                a.assign(Nd4j.create(v, a.shape(), 'c').castTo(a.dataType()));
            }
        }
        ModelDescriptor d = new ModelDescriptor(descriptor.id(), descriptor.version(), descriptor.sha256() + "+top" + count + "-seed" + seed,
                descriptor.inputShape(), descriptor.labels(), descriptor.outputKind());
        return of(copy, d, targetLayer, format, layout);
    }

    @Override
    public String executionSummary() {
        return summary;
    }

    @Override
    public synchronized void close() {
        // ND4J frees the parameter buffers when the graphs are collected; nothing native is held open.
        runner.clearLayersStates();
        probe.clearLayersStates();
    }

    private void requireLayer(String layer) {
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("unknown layer '" + layer + "' (layers: " + layers + ")");
        }
    }

    private Tensor checkedOutputs(Tensor z) {
        if (z.rank() != 2 || z.dim(1) != descriptor.labels().size()) {
            throw new IllegalStateException("model outputs " + Arrays.toString(z.shape()) + " but the descriptor names "
                    + descriptor.labels().size() + " labels");
        }
        return z;
    }

    /**
     * Checks the batch (NCHW) against the descriptor's input shape before anything reaches ND4J and
     * lays it out as the graph wants it.
     */
    private INDArray input(Tensor batch) {
        List<Integer> want = descriptor.inputShape();
        int[] got = batch.shape();
        boolean ok = got.length == want.size() + 1 && got[0] >= 1;
        for (int i = 0; ok && i < want.size(); i++) {
            ok = got[i + 1] == want.get(i);
        }
        if (!ok) {
            throw new IllegalArgumentException("batch shape " + Arrays.toString(got) + " does not match N × " + want);
        }
        return layout.toGraphInput(Nd4jTensors.toNd4j(batch));
    }
}
