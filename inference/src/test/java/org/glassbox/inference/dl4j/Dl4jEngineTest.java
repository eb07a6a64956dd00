package org.glassbox.inference.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelEngine;
import org.glassbox.inference.train.DemoNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J engine on a tiny demo-architecture graph (16², 2 blocks) whose batch-norm running
 * statistics were moved away from the test batch's own statistics by a few training steps, so a
 * gradient computed in training mode would be caught. Gradients are checked against central finite
 * differences of {@link LoadedModel#logits} (input) and of a plain-Java forward pass of the head
 * (global average pooling → ReLU dense → dense) built from the graph's parameters (layer).
 */
class Dl4jEngineTest {
    static final int SIZE = 16;
    static final List<String> LABELS = List.of("a", "b", "c");
    static final ModelDescriptor DESCRIPTOR = new ModelDescriptor("tiny", "1", "0", List.of(1, SIZE, SIZE), LABELS,
            ModelDescriptor.OutputKind.SIGMOID);

    @TempDir
    static Path dir;
    static Path zip;
    static ComputationGraph trained;

    @BeforeAll
    static void trainTinyGraph() throws IOException {
        DemoNetwork spec = new DemoNetwork(SIZE, List.of(3, 4), 5, 3, 1e-2, 7);
        trained = spec.build();
        Random r = new Random(3);
        for (int i = 0; i < 5; i++) {
            // Training data brighter than the test inputs: running means differ from batch means.
            INDArray x = Nd4j.rand(new long[] {8, 1, SIZE, SIZE}).muli(2).addi(0.5);
            INDArray y = Nd4j.zeros(8, 3);
            for (int n = 0; n < 8; n++) {
                y.putScalar(n, r.nextInt(3), 1);
            }
            trained.fit(new MultiDataSet(x, y));
        }
        zip = dir.resolve("tiny.zip");
        ModelSerializer.writeModel(trained, zip.toFile(), false);
    }

    static Tensor batch(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n * SIZE * SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return new Tensor(new int[] {n, 1, SIZE, SIZE}, v);
    }

    @Test
    void logitsArePreActivationsOfTheTrainedOutputLayer() throws IOException {
        try (LoadedModel m = new Dl4jEngine().load(zip, DESCRIPTOR, "block2")) {
            Tensor x = batch(1, 3);
            Tensor z = m.logits(x);
            INDArray p = trained.output(false, Nd4jTensors.toNd4j(x))[0];
            assertThat(z.shape()).containsExactly(3, 3);
            for (int i = 0; i < 9; i++) {
                double sigmoid = 1 / (1 + Math.exp(-z.get(i)));
                assertThat(sigmoid).isCloseTo(p.getDouble(i / 3, i % 3), org.assertj.core.data.Offset.offset(1e-5));
            }
            float[][] s = m.scores(x);
            assertThat((double) s[1][2]).isCloseTo(p.getDouble(1, 2), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(m.layerNames()).contains("conv1", "bn1", "block1", "pool1", "block2", "gap", "embedding", "logits")
                    .doesNotContain("image");
            assertThat(m.defaultTargetLayer()).isEqualTo("block2");
            Tensor a = m.activations(x, "block2");
            assertThat(a.shape()).containsExactly(3, 4, SIZE / 2, SIZE / 2);
            Tensor e = m.activations(x, "embedding");
            assertThat(e.shape()).containsExactly(3, 5);
            // The first layer (fed by the input) too: DL4J's detached output fails for it, the engine works around that.
            Tensor c1 = m.activations(x, "conv1");
            assertThat(c1.shape()).containsExactly(3, 3, SIZE, SIZE);
            assertThat(m.gradient(x, "conv1", 0).activations().data()).usingComparatorWithPrecision(1e-5f).containsExactly(c1.data());
            assertThat(m.logits(x).data()).containsExactly(z.data());
        }
    }

    @Test
    void inputGradientMatchesCentralDifferencesPerSample() throws IOException {
        try (LoadedModel m = new Dl4jEngine().load(zip, DESCRIPTOR, "block2")) {
            Tensor x = batch(2, 2);
            int target = 1;
            LayerGradient g = m.gradient(x, "block2", target);
            assertThat(g.inputGradient().shape()).containsExactly(2, 1, SIZE, SIZE);
            float[] data = x.data();
            Random r = new Random(5);
            double num = 0;
            double den = 0;
            double h = 1e-2;
            for (int k = 0; k < 40; k++) {
                int idx = r.nextInt(data.length);
                int sample = idx / (SIZE * SIZE);
                double fd = (logit(m, data, idx, h, sample, target) - logit(m, data, idx, -h, sample, target)) / (2 * h);
                double an = g.inputGradient().get(idx);
                num += (fd - an) * (fd - an);
                den += fd * fd;
            }
            assertThat(den).isGreaterThan(0);
            assertThat(Math.sqrt(num / den)).isLessThan(1e-2);
        }
    }

    @Test
    void layerGradientMatchesFiniteDifferencesOfTheHead() throws IOException {
        try (LoadedModel m = new Dl4jEngine().load(zip, DESCRIPTOR, "block2")) {
            Tensor x = batch(4, 2);
            int target = 2;
            LayerGradient g = m.gradient(x, "block2", target);
            Tensor act = m.activations(x, "block2");
            // The gradient graph computes batch norm as its folded affine map: equal up to float rounding.
            assertThat(g.activations().data()).usingComparatorWithPrecision(1e-4f).containsExactly(act.data());
            assertThat(g.gradient().shape()).isEqualTo(act.shape());
            Head head = new Head();
            int per = act.size() / 2;
            float[] a = act.data();
            for (int n = 0; n < 2; n++) {
                float[] one = java.util.Arrays.copyOfRange(a, n * per, (n + 1) * per);
                assertThat(head.logit(one, target)).isCloseTo(g.logits().get(n * 3 + target), org.assertj.core.data.Offset.offset(1e-4));
                for (int i = 0; i < per; i += 7) {
                    double h = 1e-3;
                    float[] p = one.clone();
                    p[i] += (float) h;
                    float[] q = one.clone();
                    q[i] -= (float) h;
                    double fd = (head.logit(p, target) - head.logit(q, target)) / (2 * h);
                    assertThat((double) g.gradient().get(n * per + i)).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-4 + 1e-3 * Math.abs(fd)));
                }
            }
        }
    }

    @Test
    void refusesBadInputAndFiles() throws IOException {
        ModelEngine engine = new Dl4jEngine();
        assertThat(engine.format()).isEqualTo(org.glassbox.inference.engine.ModelFormat.DL4J);
        try (LoadedModel m = engine.load(zip, DESCRIPTOR, null)) {
            assertThatThrownBy(() -> m.logits(new Tensor(new int[] {1, 1, 8, 8}, new float[64])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
            assertThatThrownBy(() -> m.activations(batch(1, 1), "nope")).hasMessageContaining("unknown layer 'nope'");
            assertThatThrownBy(() -> m.gradient(batch(1, 1), "block1", 3)).hasMessageContaining("target 3");
        }
        assertThatThrownBy(() -> engine.load(zip, DESCRIPTOR, "nope")).isInstanceOf(IOException.class).hasMessageContaining("'nope'");
        Path junk = dir.resolve("junk.zip");
        Files.write(junk, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> engine.load(junk, DESCRIPTOR, null)).isInstanceOf(IOException.class).hasMessageContaining("junk.zip");
        assertThatThrownBy(() -> engine.load(dir.resolve("missing.zip"), DESCRIPTOR, null)).hasMessageContaining("no such file");
        assertThat(java.util.ServiceLoader.load(ModelEngine.class).stream().map(p -> p.type().getName()).toList()).contains(Dl4jEngine.class.getName());
    }

    private static double logit(LoadedModel m, float[] data, int idx, double delta, int sample, int target) {
        float[] v = data.clone();
        v[idx] += (float) delta;
        Tensor z = m.logits(new Tensor(new int[] {2, 1, SIZE, SIZE}, v));
        return z.get(sample * 3 + target);
    }

    /** The graph's head in plain Java: global average pool → ReLU(W1 x + b1) → W2 · + b2. */
    private static final class Head {
        final INDArray w1 = trained.getLayer("embedding").getParam("W");
        final INDArray b1 = trained.getLayer("embedding").getParam("b");
        final INDArray w2 = trained.getLayer("logits").getParam("W");
        final INDArray b2 = trained.getLayer("logits").getParam("b");

        double logit(float[] act, int target) {
            int c = (int) w1.size(0);
            int hw = act.length / c;
            double[] pooled = new double[c];
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < hw; i++) {
                    pooled[ch] += act[ch * hw + i];
                }
                pooled[ch] /= hw;
            }
            int e = (int) w1.size(1);
            double out = b2.getDouble(target);
            for (int j = 0; j < e; j++) {
                double s = b1.getDouble(j);
                for (int ch = 0; ch < c; ch++) {
                    s += pooled[ch] * w1.getDouble(ch, j);
                }
                out += Math.max(0, s) * w2.getDouble(j, target);
            }
            return out;
        }
    }
}
