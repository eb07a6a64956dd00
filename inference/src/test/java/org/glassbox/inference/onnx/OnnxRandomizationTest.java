package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cascading parameter randomisation on an ONNX graph with initializers:
 * x → Conv(w1) → a → Relu → r → Conv(w2) → b → Relu → t → GlobalAveragePool → Flatten → Gemm(fw, fb).
 */
class OnnxRandomizationTest {
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

    private LoadedModel model() throws IOException {
        Path file = new TinyOnnxGraph("x", -1, 2, 6, 6)
                .initializer("w1", random(3 * 2 * 9, 1, 0.5), 3, 2, 3, 3)
                .initializer("w2", random(3 * 3 * 9, 2, 0.5), 3, 3, 3, 3)
                .initializer("fw", random(4 * 3, 3, 1), 4, 3)
                .initializer("fb", random(4, 4, 0.1), 4)
                .node("Conv", new String[] {"x", "w1"}, "a", TinyOnnxGraph.intsAttr("pads", 1, 1, 1, 1))
                .node("Relu", new String[] {"a"}, "r")
                .node("Conv", new String[] {"r", "w2"}, "b", TinyOnnxGraph.intsAttr("pads", 1, 1, 1, 1))
                .node("Relu", new String[] {"b"}, "t")
                .node("GlobalAveragePool", new String[] {"t"}, "p")
                .node("Flatten", new String[] {"p"}, "f")
                .node("Gemm", new String[] {"f", "fw", "fb"}, "logits", TinyOnnxGraph.intAttr("transB", 1))
                .output("logits").write(tmp.resolve("m.onnx"));
        return new OnnxEngine().load(file, new ModelDescriptor("m", "1", "abc", List.of(2, 6, 6), List.of("a", "b", "c", "d"),
                ModelDescriptor.OutputKind.SOFTMAX), "t");
    }

    @Test
    void randomisesTheTopLayersOnlyAndLeavesTheOriginalAlone() throws IOException {
        Tensor x = new Tensor(new int[] {2, 2, 6, 6}, random(144, 9, 1));
        try (LoadedModel m = model()) {
            assertThat(m.parameterLayersTopDown()).containsExactly("logits", "b", "a");
            float[] before = m.logits(x).data();
            try (var none = m.withRandomizedTopLayers(0, 5)) {
                assertThat(none.logits(x).data()).containsExactly(before);
                assertThat(none.descriptor().sha256()).isNotEqualTo(m.descriptor().sha256());
            }
            try (var head = m.withRandomizedTopLayers(1, 5); var again = m.withRandomizedTopLayers(1, 5);
                 var other = m.withRandomizedTopLayers(1, 6)) {
                assertThat(head.activations(x, "t").data()).containsExactly(m.activations(x, "t").data());
                assertThat(head.logits(x).data()).isNotEqualTo(before);
                assertThat(again.logits(x).data()).containsExactly(head.logits(x).data());
                assertThat(other.logits(x).data()).isNotEqualTo(head.logits(x).data());
            }
            try (var two = m.withRandomizedTopLayers(2, 5)) {
                assertThat(two.activations(x, "r").data()).containsExactly(m.activations(x, "r").data());
                assertThat(two.activations(x, "b").data()).isNotEqualTo(m.activations(x, "b").data());
            }
            try (var all = m.withRandomizedTopLayers(3, 5)) {
                assertThat(all.activations(x, "a").data()).isNotEqualTo(m.activations(x, "a").data());
            }
            assertThat(m.logits(x).data()).containsExactly(before);
            assertThatThrownBy(() -> m.withRandomizedTopLayers(4, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count 4 is outside [0, 3]");
        }
    }
}
