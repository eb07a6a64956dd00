package org.glassbox.inference.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX model ready to run. The graph is built once per batch size and reused (a few batch sizes
 * are kept; building again costs a graph walk, not a file read). Logits and activations run
 * eagerly op by op ({@link EagerSchedule}); gradients through the graph SameDiff derives for them,
 * also run eagerly. Not thread-safe.
 */
final class OnnxLoadedModel implements LoadedModel {
    /** Graphs kept for this many batch sizes (least recently used dropped). */
    private static final int CACHED_BATCH_SIZES = 4;

    private final OnnxGraphCompiler compiler;
    private final ModelDescriptor descriptor;
    private final String targetLayer;
    private final String input;
    private final String output;
    private final long fixedBatch;
    private final String source;
    private List<OnnxParameters.ParameterLayer> parameterLayers;
    private final Map<Integer, CompiledGraph> graphs = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, CompiledGraph> eldest) {
            if (size() > CACHED_BATCH_SIZES) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    OnnxLoadedModel(OnnxGraphCompiler compiler, ModelDescriptor descriptor, String targetLayer, String input, String output, long fixedBatch, String source) {
        this.compiler = compiler;
        this.descriptor = descriptor;
        this.targetLayer = targetLayer;
        this.input = input;
        this.output = output;
        this.fixedBatch = fixedBatch;
        this.source = source;
    }

    CompiledGraph graphFor(int batch) throws IOException {
        CompiledGraph g = graphs.get(batch);
        if (g == null) {
            long[] shape = new long[descriptor.inputShape().size() + 1];
            shape[0] = batch;
            for (int i = 1; i < shape.length; i++) {
                shape[i] = descriptor.inputShape().get(i - 1);
            }
            g = compiler.compile(Map.of(input, shape), Map.of());
            graphs.put(batch, g);
        }
        return g;
    }

    private CompiledGraph graphChecked(Tensor batch) {
        int[] s = batch.shape();
        List<Integer> chw = descriptor.inputShape();
        boolean ok = s.length == chw.size() + 1 && s[0] > 0;
        for (int i = 0; ok && i < chw.size(); i++) {
            ok = s[i + 1] == chw.get(i);
        }
        if (!ok) {
            throw new IllegalArgumentException(source + ": batch shape " + Arrays.toString(s) + " does not match N×" + chw);
        }
        if (fixedBatch > 0 && s[0] != fixedBatch) {
            throw new IllegalArgumentException(source + ": the model takes batches of exactly " + fixedBatch + ", got " + s[0]);
        }
        try {
            return graphFor(s[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Tensor logits(Tensor batch) {
        CompiledGraph g = graphChecked(batch);
        return toTensor(g.run(Map.of(input, toArray(batch)), List.of(output)).get(output));
    }

    @Override
    public List<String> layerNames() {
        try {
            return graphFor(fixedBatch > 0 ? (int) fixedBatch : 1).layers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String defaultTargetLayer() {
        return targetLayer;
    }

    @Override
    public Tensor activations(Tensor batch, String layer) {
        CompiledGraph g = graphChecked(batch);
        requireLayer(g, layer);
        return toTensor(g.run(Map.of(input, toArray(batch)), List.of(layer)).get(layer));
    }

    @Override
    public LayerGradient gradient(Tensor batch, String layer, int target) {
        CompiledGraph g = graphChecked(batch);
        requireLayer(g, layer);
        int outputs = descriptor.labels().size();
        if (target < 0 || target >= outputs) {
            throw new IllegalArgumentException("target " + target + " is outside [0, " + outputs + ")");
        }
        INDArray mask = Nd4j.zeros(DataType.FLOAT, batch.dim(0), outputs);
        mask.getColumn(target).assign(1f);
        CompiledGraph.Gradients r = g.gradient(Map.of(input, toArray(batch)), input, layer, output, mask);
        return new LayerGradient(layer, toTensor(r.activations()), toTensor(r.layerGradient()), toTensor(r.inputGradient()), toTensor(r.output()));
    }

    /**
     * Gradient with respect to the layer only: the full graph runs eagerly up to the layer (and
     * the tensors from below that the layers above read), then SameDiff differentiates just the
     * graph above the layer ({@link HeadGraph}); nothing below the layer is differentiated. Falls
     * back to {@link #gradient} when the output does not depend on the layer.
     */
    @Override
    public LayerGradient layerGradient(Tensor batch, String layer, int target) {
        CompiledGraph g = graphChecked(batch);
        requireLayer(g, layer);
        int outputs = descriptor.labels().size();
        if (target < 0 || target >= outputs) {
            throw new IllegalArgumentException("target " + target + " is outside [0, " + outputs + ")");
        }
        HeadGraph head;
        try {
            head = g.head(layer, (full, l) -> compiler.compileHead(full, l, output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (head == null) {
            return gradient(batch, layer, target);
        }
        Map<String, INDArray> fed = g.run(Map.of(input, toArray(batch)), head.feeds());
        INDArray mask = Nd4j.zeros(DataType.FLOAT, batch.dim(0), outputs);
        mask.getColumn(target).assign(1f);
        INDArray[] r = head.gradient(fed, mask);
        return new LayerGradient(layer, toTensor(fed.get(layer)), toTensor(r[1]), null, toTensor(r[0]));
    }

    @Override
    public List<String> parameterLayersTopDown() {
        return parameterLayers().stream().map(OnnxParameters.ParameterLayer::name).toList();
    }

    private List<OnnxParameters.ParameterLayer> parameterLayers() {
        if (parameterLayers == null) {
            parameterLayers = OnnxParameters.topDown(compiler.model());
        }
        return parameterLayers;
    }

    /**
     * A copy with the initializers of the top {@code count} parameterised layers re-drawn
     * ({@link org.glassbox.inference.engine.ParameterDraws}); its descriptor's sha256 names the
     * randomisation, so caches keep the copies apart. This model is untouched.
     */
    @Override
    public OnnxLoadedModel withRandomizedTopLayers(int count, long seed) {
        List<OnnxParameters.ParameterLayer> layers = parameterLayers();
        if (count < 0 || count > layers.size()) {
            throw new IllegalArgumentException("count " + count + " is outside [0, " + layers.size() + "] (parameterised layers of " + source + ")");
        }
        try {
            String tag = "randomised top " + count + " layers, seed " + seed;
            OnnxGraphCompiler c = new OnnxGraphCompiler(OnnxParameters.randomized(compiler.model(), layers, count, seed), source + " (" + tag + ")");
            ModelDescriptor d = new ModelDescriptor(descriptor.id(), descriptor.version(), descriptor.sha256() + "+top" + count + "-seed" + seed,
                    descriptor.inputShape(), descriptor.labels(), descriptor.outputKind());
            return new OnnxLoadedModel(c, d, targetLayer, input, output, fixedBatch, source + " (" + tag + ")");
        } catch (OnnxFormatException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
    }

    private void requireLayer(CompiledGraph g, String layer) {
        if (!g.layers().contains(layer) && !layer.equals(input)) {
            throw new IllegalArgumentException(source + ": unknown layer '" + layer + "'");
        }
    }

    @Override
    public String executionSummary() {
        return "onnx/nd4j eager ops (gradients: samediff gradient graph, run eagerly) on CPU (" + Nd4j.getBackend().getClass().getSimpleName() + ", "
                + Nd4j.getEnvironment().maxMasterThreads() + " threads)";
    }

    @Override
    public void close() {
        graphs.values().forEach(CompiledGraph::close);
        graphs.clear();
    }

    static INDArray toArray(Tensor t) {
        int[] s = t.shape();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = s[i];
        }
        return Nd4j.create(t.data(), shape, 'c');
    }

    static Tensor toTensor(INDArray a) {
        INDArray f = a.castTo(DataType.FLOAT).dup('c');
        long[] s = f.shape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        float[] data = f.length() == 0 ? new float[0] : f.reshape(f.length()).toFloatVector();
        return new Tensor(shape, data);
    }
}
