package org.glassbox.inference.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelEngine;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;
import org.glassbox.inference.pkg.ModelPackageWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keras HDF5 engine on fixtures written by {@code src/test/python/make_keras_fixture.py} (h5py,
 * Keras 2.4 layout, no TensorFlow): a Functional model on 16×16×1 and a Sequential model on
 * 12×10×3 (H ≠ W, three channels, so the NCHW → NHWC handling is exercised), each compared with an
 * independent numpy forward pass; gradients against central finite differences of the engine's own
 * logits; bad files refused with one message naming the file.
 */
class KerasEngineTest {
    static final List<String> LABELS = List.of("a", "b", "c");
    static final ModelDescriptor GREY = new ModelDescriptor("keras-tiny", "1", "0", List.of(1, 16, 16), LABELS, OutputKind.SIGMOID);
    static final ModelDescriptor RGB = new ModelDescriptor("keras-rgb", "1", "0", List.of(3, 12, 10), LABELS, OutputKind.SIGMOID);

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(KerasEngineTest.class.getResource("keras/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Tensor npy(String name) throws IOException {
        NpyArray a = NpyIO.read(fixture(name));
        return new Tensor(a.shape(), a.toFloatArray());
    }

    @Test
    void functionalModelMatchesTheNumpyReference() throws IOException {
        checkAgainstReference("functional", GREY, 8, 8);
    }

    @Test
    void sequentialChannelsLastModelMatchesTheNumpyReference() throws IOException {
        checkAgainstReference("sequential_rgb", RGB, 6, 5);
    }

    private void checkAgainstReference(String name, ModelDescriptor descriptor, int h, int w) throws IOException {
        Tensor x = npy(name + ".input.npy");
        Tensor logits = npy(name + ".logits.npy");
        Tensor scores = npy(name + ".scores.npy");
        Tensor conv = npy(name + ".conv2d_1.npy");
        try (LoadedModel m = new KerasEngine().load(fixture(name + ".h5"), descriptor, "conv2d_1")) {
            Tensor z = m.logits(x);
            assertThat(z.shape()).containsExactly(2, 3);
            assertThat(z.data()).usingComparatorWithPrecision(1e-4f).containsExactly(logits.data());
            float[][] s = m.scores(x);
            for (int i = 0; i < 6; i++) {
                assertThat((double) s[i / 3][i % 3]).isCloseTo(scores.get(i), Offset.offset(1e-5));
            }
            assertThat(m.layerNames()).containsExactly("conv2d", "batch_normalization", "max_pooling2d", "conv2d_1",
                    "global_average_pooling2d", "dense");
            assertThat(m.defaultTargetLayer()).isEqualTo("conv2d_1");
            assertThat(m.executionSummary()).contains("Keras 2.4.0", "channels-last");
            Tensor a = m.activations(x, "conv2d_1");
            // NCHW like every engine's activations, equal to the reference's values (not just its shape).
            assertThat(a.shape()).containsExactly(2, 8, h, w).isEqualTo(conv.shape());
            assertThat(a.data()).usingComparatorWithPrecision(1e-4f).containsExactly(conv.data());
            assertThat(m.activations(x, "global_average_pooling2d").shape()).containsExactly(2, 8);
        }
    }

    @Test
    void inputGradientMatchesCentralDifferences() throws IOException {
        Tensor x = npy("sequential_rgb.input.npy");
        try (LoadedModel m = new KerasEngine().load(fixture("sequential_rgb.h5"), RGB, "conv2d_1")) {
            int target = 2;
            LayerGradient g = m.gradient(x, "conv2d_1", target);
            assertThat(g.inputGradient().shape()).containsExactly(2, 3, 12, 10);
            assertThat(g.logits().data()).usingComparatorWithPrecision(1e-4f).containsExactly(m.logits(x).data());
            float[] data = x.data();
            int per = data.length / 2;
            Random r = new Random(11);
            double num = 0;
            double den = 0;
            double h = 1e-2;
            for (int k = 0; k < 40; k++) {
                int idx = r.nextInt(data.length);
                int sample = idx / per;
                double fd = (logit(m, x, idx, h, sample, target) - logit(m, x, idx, -h, sample, target)) / (2 * h);
                double an = g.inputGradient().get(idx);
                num += (fd - an) * (fd - an);
                den += fd * fd;
            }
            assertThat(den).isGreaterThan(0);
            assertThat(Math.sqrt(num / den)).isLessThan(1e-2);
        }
    }

    @Test
    void layerGradientOfTheLastConvolutionIsTheDenseKernelOverThePooledArea() throws IOException {
        // conv2d_1 → global average pooling → dense (linear logits): d logit[t] / d a[n, c, i, j] = K[c, t] / (h·w),
        // in NCHW, whatever the sample. A channels-last gradient handed out unpermuted would fail this.
        Tensor x = npy("sequential_rgb.input.npy");
        Tensor kernel = npy("sequential_rgb.dense_kernel.npy");
        try (LoadedModel m = new KerasEngine().load(fixture("sequential_rgb.h5"), RGB, "conv2d_1")) {
            int target = 1;
            LayerGradient g = m.gradient(x, "conv2d_1", target);
            assertThat(g.gradient().shape()).containsExactly(2, 8, 6, 5);
            for (int i = 0; i < g.gradient().size(); i++) {
                int c = (i / 30) % 8;
                assertThat((double) g.gradient().get(i)).isCloseTo(kernel.get(c * 3 + target) / 30.0, Offset.offset(1e-6));
            }
        }
    }

    @Test
    void layerGradientBeforeTheBatchNormIsConsistentWithTheInputGradient() throws IOException {
        // The first convolution is relu(K * x + b) on a one-channel input, so the chain rule gives
        // d logit / d x[n, 0, Y, X] = Σ_c Σ_(y, x) g[n, c, y, x] · [a[n, c, y, x] > 0] · K[Y − y + 1, X − x + 1, 0, c].
        // The input gradient is itself checked against finite differences above; this ties the layer
        // gradient at conv2d (back through batch norm, max pooling, conv2d_1, pooling, dense) to it.
        Tensor x = npy("functional.input.npy");
        Tensor k = npy("functional.conv2d_kernel.npy"); // 3 × 3 × 1 × 4, Keras HWIO
        try (LoadedModel m = new KerasEngine().load(fixture("functional.h5"), GREY, "conv2d")) {
            int target = 0;
            LayerGradient g = m.gradient(x, "conv2d", target);
            assertThat(g.activations().shape()).containsExactly(2, 4, 16, 16);
            assertThat(g.activations().data()).usingComparatorWithPrecision(1e-4f).containsExactly(m.activations(x, "conv2d").data());
            double maxError = 0;
            double maxGrad = 0;
            for (int n = 0; n < 2; n++) {
                for (int yy = 0; yy < 16; yy++) {
                    for (int xx = 0; xx < 16; xx++) {
                        double s = 0;
                        for (int c = 0; c < 4; c++) {
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 3; dj++) {
                                    int y = yy - di + 1;
                                    int xc = xx - dj + 1;
                                    if (y < 0 || y >= 16 || xc < 0 || xc >= 16) {
                                        continue;
                                    }
                                    int a = ((n * 4 + c) * 16 + y) * 16 + xc;
                                    if (g.activations().get(a) > 0) {
                                        s += g.gradient().get(a) * k.get((di * 3 + dj) * 4 + c);
                                    }
                                }
                            }
                        }
                        double an = g.inputGradient().get((n * 16 + yy) * 16 + xx);
                        maxError = Math.max(maxError, Math.abs(s - an));
                        maxGrad = Math.max(maxGrad, Math.abs(an));
                    }
                }
            }
            assertThat(maxGrad).isGreaterThan(1e-3);
            assertThat(maxError).isLessThan(1e-5 + 1e-4 * maxGrad);
        }
    }

    private static double logit(LoadedModel m, Tensor x, int idx, double delta, int sample, int target) {
        float[] v = x.data().clone();
        v[idx] += (float) delta;
        Tensor z = m.logits(new Tensor(x.shape(), v));
        return z.get(sample * 3 + target);
    }

    @Test
    void badFilesGiveOneClearMessageNamingTheFile() throws IOException {
        ModelEngine engine = new KerasEngine();
        assertThat(engine.format()).isEqualTo(ModelFormat.KERAS);

        Path junk = tmp.resolve("junk.h5");
        Files.writeString(junk, "this is not HDF5");
        assertThatThrownBy(() -> engine.load(junk, GREY, null)).isInstanceOf(IOException.class)
                .hasMessageContaining(junk.toString()).hasMessageContaining("not an HDF5 file");

        Path noConfig = fixture("no_config.h5");
        assertThatThrownBy(() -> engine.load(noConfig, GREY, null)).isInstanceOf(IOException.class)
                .hasMessageContaining(noConfig.toString()).hasMessageContaining("no 'model_config' attribute");

        Path rescaling = fixture("rescaling.h5");
        assertThatThrownBy(() -> engine.load(rescaling, GREY, null)).isInstanceOf(IOException.class)
                .hasMessageContaining(rescaling.toString()).hasMessageContaining("not supported by DL4J's Keras import")
                .hasMessageContaining("Rescaling").hasMessageNotContaining("Please file");

        // A truncated HDF5 file: signature present, the rest cut off.
        byte[] whole = Files.readAllBytes(fixture("functional.h5"));
        Path truncated = tmp.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(whole, 4096));
        assertThatThrownBy(() -> engine.load(truncated, GREY, null)).isInstanceOf(IOException.class)
                .hasMessageContaining(truncated.toString());

        assertThatThrownBy(() -> engine.load(tmp.resolve("missing.h5"), GREY, null)).hasMessageContaining("no such file");

        Path model = fixture("functional.h5");
        ModelDescriptor wrongShape = new ModelDescriptor("k", "1", "0", List.of(1, 32, 32), LABELS, OutputKind.SIGMOID);
        assertThatThrownBy(() -> engine.load(model, wrongShape, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("[1, 32, 32]").hasMessageContaining("[16, 16, 1]");
        ModelDescriptor softmax = new ModelDescriptor("k", "1", "0", List.of(1, 16, 16), LABELS, OutputKind.SOFTMAX);
        assertThatThrownBy(() -> engine.load(model, softmax, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("ends in sigmoid");
        ModelDescriptor twoLabels = new ModelDescriptor("k", "1", "0", List.of(1, 16, 16), List.of("a", "b"), OutputKind.SIGMOID);
        assertThatThrownBy(() -> engine.load(model, twoLabels, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("3 outputs");
        assertThatThrownBy(() -> engine.load(model, GREY, "nope")).isInstanceOf(IOException.class).hasMessageContaining("'nope'");

        try (LoadedModel m = engine.load(model, GREY, null)) {
            assertThatThrownBy(() -> m.logits(new Tensor(new int[] {1, 16, 16, 1}, new float[256])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
            assertThatThrownBy(() -> m.gradient(npy("functional.input.npy"), "dense", 3)).hasMessageContaining("target 3");
        }
    }

    @Test
    void repeatedImportsAndRefusalsWithGarbageCollectionInBetweenDoNotCrash() throws IOException {
        // DL4J leaves HDF5 handles to the garbage collector; closed on JavaCPP's deallocator thread while
        // another import runs, they crashed the JVM in libhdf5 before Hdf5Calls. A crash fails the fork.
        ModelEngine engine = new KerasEngine();
        Tensor x = npy("functional.input.npy");
        float[] first = null;
        for (int i = 0; i < 6; i++) {
            try (LoadedModel m = engine.load(fixture(i % 2 == 0 ? "functional.h5" : "sequential_rgb.h5"), i % 2 == 0 ? GREY : RGB, null)) {
                if (i % 2 == 0) {
                    float[] z = m.logits(x).data();
                    first = first == null ? z : first;
                    assertThat(z).containsExactly(first);
                }
            }
            assertThatThrownBy(() -> engine.load(fixture("rescaling.h5"), GREY, null)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> engine.load(fixture("no_config.h5"), GREY, null)).isInstanceOf(IOException.class);
            System.gc();
        }
    }

    @Test
    void identityOutputKindKeepsTheModelsSigmoid() throws IOException {
        ModelDescriptor identity = new ModelDescriptor("k", "1", "0", List.of(1, 16, 16), LABELS, OutputKind.IDENTITY);
        try (LoadedModel m = new KerasEngine().load(fixture("functional.h5"), identity, null)) {
            assertThat(m.logits(npy("functional.input.npy")).data()).usingComparatorWithPrecision(1e-5f)
                    .containsExactly(npy("functional.scores.npy").data());
        }
    }

    @Test
    void discoveredAndLoadedFromAModelPackage() throws IOException {
        Engines engines = Engines.discover();
        assertThat(engines.formats()).contains(ModelFormat.KERAS);
        assertThat(engines.engineFor(ModelFormat.KERAS)).isInstanceOf(KerasEngine.class);

        ModelManifest manifest = kerasManifest();
        Path dir = tmp.resolve("keras-pkg");
        ModelPackageWriter.forManifest(manifest).weights(fixture("functional.h5")).writeFolder(dir);
        ModelPackageLoader loader = new ModelPackageLoader();
        assertThat(loader.verify(dir, BareOnnxOptions.DEFAULTS).problems()).isEmpty();
        try (ModelPackage pkg = loader.open(dir); LoadedModel m = engines.load(pkg)) {
            assertThat(m.descriptor().sha256()).isEqualTo(pkg.identity());
            assertThat(m.defaultTargetLayer()).isEqualTo("conv2d_1");
            assertThat(m.logits(npy("functional.input.npy")).data()).usingComparatorWithPrecision(1e-4f)
                    .containsExactly(npy("functional.logits.npy").data());
        }
    }

    private static ModelManifest kerasManifest() {
        Map<String, ModelManifest.Metric> metrics = new LinkedHashMap<>();
        metrics.put("auroc/a", new ModelManifest.Metric(0.5, "none: random weights, test fixture"));
        return new ModelManifest(1, "keras-tiny", "1.0.0", ModelManifest.Task.MULTI_LABEL_CLASSIFICATION, LABELS, List.of(1, 16, 16),
                ModelManifest.Channels.GREY, OutputKind.SIGMOID, new ModelManifest.Weights(ModelFormat.KERAS, "model.h5"),
                new ModelManifest.Preprocessing(new ModelManifest.Windowing(ModelManifest.WindowMode.DICOM_VOI, null, null),
                        new ModelManifest.Scaling(0.0, 1.0),
                        new ModelManifest.Resize(16, ModelManifest.Interpolation.AREA, ModelManifest.ResizeMode.EXACT), null, false, null),
                new ModelManifest.Explain("conv2d_1"), "Apache-2.0", "Test fixture; not for clinical use.",
                "None: seeded random weights written by make_keras_fixture.py.", metrics,
                new ModelManifest.Training("/usr/bin/python3 inference/src/test/python/make_keras_fixture.py", Map.of("weights", 20240603L)));
    }
}
