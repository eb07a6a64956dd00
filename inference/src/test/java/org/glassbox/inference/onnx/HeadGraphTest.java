package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code layerGradient} (eager forward to the layer, SameDiff only above it) gives the same
 * activations, layer gradient and logits as the full SameDiff {@code gradient}, on a graph with a
 * residual connection that crosses the cut: x → conv → a → relu → r → conv → b; s = b + a → relu → t
 * → global average pool → flatten → gemm.
 */
class HeadGraphTest {
    @TempDir
    Path tmp;

    private static float[] random(int n, long seed, double scale) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    private LoadedModel residualModel() throws IOException {
        TinyOnnxGraph g = new TinyOnnxGraph("x", 2, 2, 6, 6)
                .floatConstant("w1", random(3 * 2 * 9, 1, 0.5), 3, 2, 3, 3)
                .floatConstant("w2", random(3 * 3 * 9, 2, 0.5), 3, 3, 3, 3)
                .floatConstant("fw", random(4 * 3, 3, 1), 4, 3)
                .floatConstant("fb", random(4, 4, 0.1), 4)
                .node("Conv", new String[] {"x", "w1"}, "a", TinyOnnxGraph.intsAttr("pads", 1, 1, 1, 1))
                .node("Relu", new String[] {"a"}, "r")
                .node("Conv", new String[] {"r", "w2"}, "b", TinyOnnxGraph.intsAttr("pads", 1, 1, 1, 1))
                .node("Add", new String[] {"b", "a"}, "s")
                .node("Relu", new String[] {"s"}, "t")
                .node("GlobalAveragePool", new String[] {"t"}, "p")
                .node("Flatten", new String[] {"p"}, "f")
                .node("Gemm", new String[] {"f", "fw", "fb"}, "logits", TinyOnnxGraph.intAttr("transB", 1))
                .output("logits");
        Path file = g.write(tmp.resolve("residual.onnx"));
        ModelDescriptor d = new ModelDescriptor("residual", "1", "0", List.of(2, 6, 6), List.of("a", "b", "c", "d"),
                ModelDescriptor.OutputKind.SOFTMAX);
        return new OnnxEngine().load(file, d, "t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"r", "s", "t", "p", "logits"})
    void layerGradientEqualsTheFullGradient(String layer) throws IOException {
        try (LoadedModel model = residualModel()) {
            Tensor x = new Tensor(new int[] {2, 2, 6, 6}, random(144, 5, 1));
            for (int target = 0; target < 4; target += 3) {
                LayerGradient full = model.gradient(x, layer, target);
                LayerGradient fast = model.layerGradient(x, layer, target);
                assertThat(fast.inputGradient()).isNull();
                assertThat(fast.layer()).isEqualTo(layer);
                assertThat(fast.activations().shape()).containsExactly(full.activations().shape());
                assertThat(fast.activations().data()).containsExactly(full.activations().data(), org.assertj.core.api.Assertions.within(1e-5f));
                assertThat(fast.gradient().data()).containsExactly(full.gradient().data(), org.assertj.core.api.Assertions.within(1e-5f));
                assertThat(fast.logits().data()).containsExactly(full.logits().data(), org.assertj.core.api.Assertions.within(1e-5f));
                assertThat(maxAbs(fast.gradient().data())).as("gradient is not trivially zero").isPositive();
            }
        }
    }

    @Test
    void settingUpGradientsPrintsNothingOnStdout() throws IOException {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try (LoadedModel model = residualModel()) {
            Tensor x = new Tensor(new int[] {2, 2, 6, 6}, random(144, 6, 1));
            System.setOut(new java.io.PrintStream(captured, true));
            model.layerGradient(x, "r", 0);
            model.gradient(x, "r", 0);
        } finally {
            System.setOut(original);
        }
        // ND4J M2.1 prints "Added differentiated op …" from createGradFunction (GradFunctions filters it).
        assertThat(captured.toString()).doesNotContain("Added differentiated op");
    }

    @Test
    void theHeadAboveALayerHoldsOnlyTheOpsAboveIt() throws IOException {
        try (LoadedModel model = residualModel()) {
            OnnxLoadedModel m = (OnnxLoadedModel) model;
            CompiledGraph g = m.graphFor(2);
            HeadGraph aboveT = g.head("t", (full, l) -> new OnnxGraphCompiler(OnnxModelFile.read(tmp.resolve("residual.onnx")), "test")
                    .compileHead(full, l, "logits"));
            HeadGraph aboveR = g.head("r", (full, l) -> new OnnxGraphCompiler(OnnxModelFile.read(tmp.resolve("residual.onnx")), "test")
                    .compileHead(full, l, "logits"));
            assertThat(aboveT.feeds()).containsExactly("t");
            // conv → add (reads the cut 'a' from below the layer) → relu → pool → flatten → gemm
            assertThat(aboveR.feeds()).containsExactly("r", "a");
            assertThat(aboveR.opCount()).isGreaterThan(aboveT.opCount());
        }
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
