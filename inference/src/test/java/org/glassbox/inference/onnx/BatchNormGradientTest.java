package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Input gradients through BatchNormalization nodes that the exporter could not fold into a Conv
 * (src/test/python/make_concat_bn.py: Conv → ReLU ×2 → Concat → BN → ReLU → GAP → Linear → BN1d →
 * Linear, the DenseNet pattern). ND4J's own batchnorm op cannot be differentiated by SameDiff, so the
 * engine maps inference BN to x·a + b; logits and d logit[target] / d input must equal PyTorch's
 * (float64 autograd on the same float32 weights) to 1e-4 relative ({@link Closeness}).
 */
class BatchNormGradientTest {
    static final Path FILE = Path.of("src/test/resources/onnx/concat_bn.onnx");
    static final String CONCAT = "/Concat_output_0";
    static final double TOLERANCE = 1e-4;

    static LoadedModel model;
    static JsonNode ref;
    static Tensor batch;

    @BeforeAll
    static void load() throws IOException {
        ref = new ObjectMapper().readTree(Path.of("src/test/resources/onnx/concat_bn.json").toFile());
        ModelDescriptor d = new ModelDescriptor("concat-bn", "1", "0", List.of(3, 12, 12), List.of("a", "b", "c"),
                ModelDescriptor.OutputKind.SOFTMAX);
        model = new OnnxEngine().load(FILE, d, CONCAT);
        batch = new Tensor(new int[] {2, 3, 12, 12}, floats(ref.get("input")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void referenceHasNoReluGateWithinRoundingOfZero() {
        // Otherwise float32 engines may legitimately disagree about a gradient (the generator reseeds).
        assertThat(ref.get("min_relative_gate_margin").asDouble()).isGreaterThanOrEqualTo(1e-5);
    }

    @Test
    void logitsEqualPyTorch() {
        Closeness c = Closeness.of(model.logits(batch).data(), floats(ref.get("logits")));
        assertThat(c.within(TOLERANCE)).as("logits vs PyTorch: %s", c).isTrue();
    }

    @Test
    void inputGradientEqualsPyTorchAutograd() {
        int target = ref.get("target").asInt();
        LayerGradient g = model.gradient(batch, CONCAT, target);
        assertThat(g.inputGradient().shape()).containsExactly(2, 3, 12, 12);
        Closeness c = Closeness.of(g.inputGradient().data(), floats(ref.get("input_gradient")));
        assertThat(c.scale()).as("reference gradient is not all zero").isGreaterThan(0);
        assertThat(c.within(TOLERANCE)).as("d logit[%d] / d input vs PyTorch: %s", target, c).isTrue();
        Closeness logits = Closeness.of(g.logits().data(), floats(ref.get("logits")));
        assertThat(logits.within(TOLERANCE)).as("logits from the gradient pass: %s", logits).isTrue();
    }

    @Test
    void layerGradientAboveTheBatchNormsAgreesWithTheFullGradient() {
        // The head graph above the Concat holds both batch norms: the fast path must match the full one.
        int target = ref.get("target").asInt();
        LayerGradient full = model.gradient(batch, CONCAT, target);
        LayerGradient head = model.layerGradient(batch, CONCAT, target);
        Closeness c = Closeness.of(head.gradient().data(), full.gradient().data());
        assertThat(c.scale()).isGreaterThan(0);
        assertThat(c.within(1e-5)).as("layerGradient vs gradient at %s: %s", CONCAT, c).isTrue();
    }

    @Test
    void eagerGradientGraphEqualsSameDiffSession() throws IOException {
        // gradient() runs SameDiff's derived gradient graph op by op; its session is the reference.
        CompiledGraph g = ((OnnxLoadedModel) model).graphFor(2);
        String input = g.inputs().get(0);
        String output = g.outputs().get(0);
        INDArray x = OnnxLoadedModel.toArray(batch);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 2, 3);
        mask.getColumn(ref.get("target").asInt()).assign(1f);
        CompiledGraph.Gradients eager = g.gradient(Map.of(input, x), input, CONCAT, output, mask, CompiledGraph.Executor.EAGER, null);
        CompiledGraph.Gradients session = g.gradient(Map.of(input, x), input, CONCAT, output, mask, CompiledGraph.Executor.SAMEDIFF, null);
        assertThat(eager.inputGradient().equalsWithEps(session.inputGradient(), 1e-7)).as("input gradient").isTrue();
        assertThat(eager.layerGradient().equalsWithEps(session.layerGradient(), 1e-7)).as("layer gradient").isTrue();
        assertThat(eager.activations().equalsWithEps(session.activations(), 1e-6)).as("activations").isTrue();
        assertThat(eager.output().equalsWithEps(session.output(), 1e-6)).as("output").isTrue();
        assertThat(eager.inputGradient().amaxNumber().doubleValue()).isGreaterThan(0);
    }

    private static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).asDouble();
        }
        return f;
    }
}
