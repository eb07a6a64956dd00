package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a tiny CNN exported by PyTorch (src/test/python/make_tiny_cnn.py): logits equal
 * PyTorch's; gradients w.r.t. the input and an inner layer equal central finite differences.
 */
class OnnxEngineTest {
    static final Path DIR = Path.of("src/test/resources/onnx");
    static final String POOL = "/pool/MaxPool_output_0";
    static LoadedModel model;
    static Tensor batch;
    static float[] torchLogits;

    static ModelDescriptor descriptor(int c, int h, int w) {
        return new ModelDescriptor("tiny", "1", "0", List.of(c, h, w), List.of("a", "b", "c"), ModelDescriptor.OutputKind.SOFTMAX);
    }

    @BeforeAll
    static void load() throws IOException {
        model = new OnnxEngine().load(DIR.resolve("tiny_cnn.onnx"), descriptor(1, 16, 16), POOL);
        JsonNode j = new ObjectMapper().readTree(DIR.resolve("tiny_cnn.json").toFile());
        float[] x = new float[j.get("input").size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) j.get("input").get(i).asDouble();
        }
        batch = new Tensor(new int[] {2, 1, 16, 16}, x);
        torchLogits = new float[j.get("logits").size()];
        for (int i = 0; i < torchLogits.length; i++) {
            torchLogits[i] = (float) j.get("logits").get(i).asDouble();
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void logitsEqualPyTorch() {
        Tensor z = model.logits(batch);
        assertThat(z.shape()).containsExactly(2, 3);
        for (int i = 0; i < torchLogits.length; i++) {
            assertThat(z.get(i)).isCloseTo(torchLogits[i], org.assertj.core.data.Offset.offset(1e-4f + 1e-4f * Math.abs(torchLogits[i])));
        }
    }

    @Test
    void batchOfOneEqualsRowOfBatch() {
        Tensor one = new Tensor(new int[] {1, 1, 16, 16}, batch.slice(1).data());
        Tensor z = model.logits(one);
        for (int k = 0; k < 3; k++) {
            assertThat(z.get(k)).isCloseTo(torchLogits[3 + k], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void layersAreNodeOutputsInGraphOrder() {
        assertThat(model.layerNames()).startsWith("/conv1/Conv_output_0", "/Relu_output_0", POOL).endsWith("logits");
        assertThat(model.defaultTargetLayer()).isEqualTo(POOL);
        assertThat(model.activations(batch, POOL).shape()).containsExactly(2, 4, 8, 8);
    }

    @Test
    void inputGradientEqualsFiniteDifferences() {
        int target = 1;
        LayerGradient g = model.gradient(batch, POOL, target);
        assertThat(g.inputGradient().shape()).containsExactly(2, 1, 16, 16);
        assertThat(g.logits().shape()).containsExactly(2, 3);
        float[] x = batch.data();
        Random rnd = new Random(7);
        double eps = 1e-3;
        int checked = 0;
        for (int trial = 0; trial < 24; trial++) {
            int i = rnd.nextInt(x.length);
            int sample = i / 256;
            double fd = centralDifference(model, batch, i, eps, sample * 3 + target);
            double an = g.inputGradient().get(i);
            assertThat(an).as("d logit/d input[%d]", i).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-4 + 1e-2 * Math.abs(fd)));
            checked += fd != 0 ? 1 : 0;
        }
        assertThat(checked).as("non-zero derivatives checked").isGreaterThan(10);
    }

    @Test
    void layerGradientEqualsFiniteDifferencesOnTheTail() throws IOException {
        int target = 2;
        LayerGradient g = model.gradient(batch, POOL, target);
        Tensor act = g.activations();
        assertThat(act.shape()).containsExactly(2, 4, 8, 8);
        assertThat(g.gradient().shape()).containsExactly(2, 4, 8, 8);
        // The tail (everything after the pool) as its own model: perturb its input = the activation.
        try (LoadedModel tail = new OnnxEngine().load(DIR.resolve("tiny_cnn_tail.onnx"), descriptor(4, 8, 8), null)) {
            Tensor z = tail.logits(act);
            Tensor full = model.logits(batch);
            for (int i = 0; i < 6; i++) {
                assertThat(z.get(i)).isCloseTo(full.get(i), org.assertj.core.data.Offset.offset(1e-5f));
            }
            Random rnd = new Random(11);
            int nonZero = 0;
            for (int trial = 0; trial < 24; trial++) {
                int i = rnd.nextInt(act.size());
                double fd = centralDifference(tail, act, i, 1e-3, (i / 256) * 3 + target);
                double an = g.gradient().get(i);
                assertThat(an).as("d logit/d pool[%d]", i).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-4 + 1e-2 * Math.abs(fd)));
                nonZero += fd != 0 ? 1 : 0;
            }
            assertThat(nonZero).isGreaterThan(5);
        }
    }

    @Test
    void gradientWithRespectToTheInputItself() {
        LayerGradient g = model.gradient(batch, "/conv1/Conv_output_0", 0);
        LayerGradient h = model.gradient(batch, POOL, 0);
        assertThat(g.inputGradient().data()).containsExactly(h.inputGradient().data(), org.assertj.core.data.Offset.offset(1e-6f));
    }

    static double centralDifference(LoadedModel m, Tensor x, int index, double eps, int logit) {
        float[] plus = x.data();
        float[] minus = x.data();
        plus[index] += (float) eps;
        minus[index] -= (float) eps;
        double zp = m.logits(new Tensor(x.shape(), plus)).get(logit);
        double zm = m.logits(new Tensor(x.shape(), minus)).get(logit);
        return (zp - zm) / (2 * eps);
    }

    @Test
    void badInputsAreRefusedClearly(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> model.logits(new Tensor(new int[] {1, 1, 8, 8}, new float[64])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> model.gradient(batch, POOL, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 3");
        assertThatThrownBy(() -> model.gradient(batch, "nope", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown layer");
        Path garbage = tmp.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7});
        assertThatThrownBy(() -> new OnnxEngine().load(garbage, descriptor(1, 16, 16), null))
                .isInstanceOf(IOException.class).hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> new OnnxEngine().load(tmp.resolve("missing.onnx"), descriptor(1, 16, 16), null))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.onnx");
        assertThatThrownBy(() -> new OnnxEngine().load(DIR.resolve("tiny_cnn.onnx"), descriptor(3, 16, 16), null))
                .isInstanceOf(IOException.class).hasMessageContaining("declared");
        assertThatThrownBy(() -> new OnnxEngine().load(DIR.resolve("tiny_cnn.onnx"), descriptor(1, 16, 16), "no-such-layer"))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-layer");
    }

    @Test
    void unknownOpNamesOpNodeAndFile(@TempDir Path tmp) throws IOException {
        var m = OnnxModelFile.read(DIR.resolve("tiny_cnn.onnx")).toBuilder();
        m.getGraphBuilder().getNodeBuilder(1).setOpType("Mish").setName("the_act");
        Path f = tmp.resolve("mish.onnx");
        Files.write(f, m.build().toByteArray());
        assertThatThrownBy(() -> new OnnxEngine().load(f, descriptor(1, 16, 16), null))
                .isInstanceOf(IOException.class).hasMessageContaining("Mish").hasMessageContaining("the_act").hasMessageContaining(f.toString());
    }
}
