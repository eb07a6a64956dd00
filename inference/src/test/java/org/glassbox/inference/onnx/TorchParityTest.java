package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3 §2 parity: torchvision models with seeded random weights, exported to ONNX by Debian's
 * PyTorch 1.13 ({@code src/test/python/make_parity_models.py}), give the same logits in GlassBox's
 * ONNX engine as in PyTorch, to 1e-4 relative ({@link Closeness} defines the measure); and ResNet-18's
 * layer4 activations and the gradients of logit k with respect to them and to the input equal
 * PyTorch's autograd (the Grad-CAM reference the explanations reuse).
 */
@Tag("heavy")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorchParityTest {
    static final double TOLERANCE = 1e-4;

    private ParityFixtures fx;

    @BeforeAll
    void generateFixtures() throws Exception {
        fx = ParityFixtures.ensure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50", "densenet121", "vit_b_16"})
    void logitsEqualPyTorchs(String name) throws Exception {
        Tensor x = fx.input(name);
        Tensor expected = fx.logits(name);
        long t0 = System.nanoTime();
        try (LoadedModel model = new OnnxEngine().load(fx.onnx(name), fx.descriptor(name), null)) {
            long t1 = System.nanoTime();
            Tensor logits = model.logits(x);
            long t2 = System.nanoTime();
            assertThat(logits.shape()).as(name).containsExactly(expected.shape());
            Closeness c = Closeness.of(logits.data(), expected.data());
            System.out.printf("parity %s logits: %s; load %d ms, forward (N=%d) %d ms; %s%n", name, c, (t1 - t0) / 1_000_000,
                    x.dim(0), (t2 - t1) / 1_000_000, model.executionSummary());
            assertThat(c.within(TOLERANCE)).as("%s logits vs PyTorch: %s", name, c).isTrue();
        }
    }

    @Test
    void resnet18Layer4GradientsEqualPyTorchAutograd() throws Exception {
        JsonNode g = fx.gradient();
        String layer = g.path("layer4_onnx_tensor").asText();
        int target = g.path("target").asInt();
        Tensor x = fx.input("resnet18");
        try (LoadedModel model = new OnnxEngine().load(fx.onnx("resnet18"), fx.descriptor("resnet18"), layer)) {
            assertThat(model.layerNames()).contains(layer);
            assertThat(model.defaultTargetLayer()).isEqualTo(layer);
            LayerGradient lg = model.gradient(x, layer, target);
            assertThat(lg.layer()).isEqualTo(layer);
            check("logits", lg.logits(), fx.logits("resnet18"));
            check("layer4 activations", lg.activations(), fx.tensor(g.path("activations").asText()));
            check("d logit[" + target + "] / d layer4", lg.gradient(), fx.tensor(g.path("gradient").asText()));
            check("d logit[" + target + "] / d input", lg.inputGradient(), fx.tensor(g.path("input_gradient").asText()));
            // activations(…) must agree with the activations gradient(…) reports.
            check("activations()", model.activations(x, layer), fx.tensor(g.path("activations").asText()));
        }
    }

    private static void check(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        Closeness c = Closeness.of(actual.data(), expected.data());
        System.out.printf("parity resnet18 %s: %s%n", what, c);
        assertThat(c.within(TOLERANCE)).as("resnet18 %s vs PyTorch: %s", what, c).isTrue();
    }
}
