package org.glassbox.inference.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures written by make_onnx_fixtures.py (Debian python3-onnx); shapes stated there. */
class OnnxGraphPeekTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) throws Exception {
        return Path.of(OnnxGraphPeekTest.class.getResource(name).toURI());
    }

    @Test
    void readsStaticShapesAndDropsInitializersListedAsInputs() throws Exception {
        OnnxGraphPeek.Graph g = OnnxGraphPeek.read(fixture("static.onnx"));
        assertThat(g.inputs()).containsExactly(new OnnxGraphPeek.Value("image", 1, List.of(-1L, 1L, 32L, 32L)));
        assertThat(g.outputs()).containsExactly(new OnnxGraphPeek.Value("scores", 1, List.of(-1L, 3L)));
    }

    @Test
    void symbolicDimensionsAreUnknown() throws Exception {
        OnnxGraphPeek.Graph g = OnnxGraphPeek.read(fixture("dynamic.onnx"));
        assertThat(g.inputs().get(0).dims()).containsExactly(-1L, 3L, -1L, -1L);
        assertThat(g.outputs().get(0).dims()).containsExactly(-1L, -1L);
    }

    @Test
    void onnxBackendTestModelFromDebian() throws Exception {
        Path conv = Path.of("/usr/share/libonnx-testdata/data/node/test_conv_with_strides_no_padding/model.onnx");
        assumeTrue(Files.exists(conv), "libonnx-testdata not installed");
        OnnxGraphPeek.Graph g = OnnxGraphPeek.read(conv);
        // Checked with python3-onnx: x [1,1,7,5], W [1,1,3,3] -> y [1,1,3,2], no initializers.
        assertThat(g.inputs()).extracting(OnnxGraphPeek.Value::name).containsExactly("x", "W");
        assertThat(g.inputs().get(0).dims()).containsExactly(1L, 1L, 7L, 5L);
        assertThat(g.outputs().get(0).dims()).containsExactly(1L, 1L, 3L, 2L);
    }

    @Test
    void truncatedOrGarbageFilesAreRefusedCleanly() throws Exception {
        byte[] good = Files.readAllBytes(fixture("static.onnx"));
        for (int cut : new int[] {1, 7, good.length / 2, good.length - 1}) {
            Path t = tmp.resolve("cut" + cut + ".onnx");
            Files.write(t, Arrays.copyOf(good, cut));
            assertThatThrownBy(() -> OnnxGraphPeek.read(t)).as("cut at %d", cut).isInstanceOf(ModelPackageException.class)
                    .hasMessageStartingWith(t + ": not");
        }
        Path text = tmp.resolve("text.onnx");
        Files.write(text, "this is not protobuf at all, just text".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> OnnxGraphPeek.read(text)).isInstanceOf(ModelPackageException.class);
    }

    @Test
    void bareOnnxGetsAManifestFromItsGraph() throws Exception {
        Path onnx = tmp.resolve("tiny-cxr.onnx");
        Files.copy(fixture("static.onnx"), onnx);
        try (ModelPackage pkg = new ModelPackageLoader().open(onnx)) {
            ModelManifest m = pkg.manifest();
            assertThat(pkg.synthesised()).isTrue();
            assertThat(m.id()).isEqualTo("tiny-cxr");
            assertThat(m.version()).isEqualTo("0-unpackaged");
            assertThat(m.inputShape()).containsExactly(1, 32, 32);
            assertThat(m.labels()).containsExactly("output_0", "output_1", "output_2");
            assertThat(m.output()).isEqualTo(OutputKind.IDENTITY);
            assertThat(m.preprocessing().resize().size()).isEqualTo(32);
            assertThat(m.preprocessing().replicateChannels()).isFalse();
            assertThat(pkg.weightsFile()).isEqualTo(onnx);
            // Its identity is the identity of the equivalent package.
            String asPackage = ModelPackageWriter.forManifest(m).weights(onnx).writeFolder(tmp.resolve("pkg"));
            assertThat(pkg.identity()).isEqualTo(asPackage);
            assertThat(pkg.manifestJson()).isEqualTo(Files.readAllBytes(tmp.resolve("pkg/model.json")));
        }
    }

    @Test
    void flagsChangeTheManifestAndTheIdentity() throws Exception {
        Path onnx = fixture("static.onnx");
        ModelPackageLoader loader = new ModelPackageLoader();
        String plain;
        try (ModelPackage pkg = loader.open(onnx)) {
            plain = pkg.identity();
        }
        BareOnnxOptions opts = new BareOnnxOptions("cxr", "2.0", List.of("a", "b", "c"), null, OutputKind.SIGMOID);
        try (ModelPackage pkg = loader.open(onnx, opts)) {
            assertThat(pkg.manifest().labels()).containsExactly("a", "b", "c");
            assertThat(pkg.manifest().output()).isEqualTo(OutputKind.SIGMOID);
            assertThat(pkg.identity()).isNotEqualTo(plain);
        }
        assertThatThrownBy(() -> loader.open(onnx, new BareOnnxOptions(null, null, List.of("a", "b"), null, null)))
                .hasMessage(onnx + ": --labels names 2 labels but the graph has 3 outputs");
        assertThatThrownBy(() -> loader.open(onnx, new BareOnnxOptions(null, null, null, List.of(3, 32, 32), null)))
                .hasMessage(onnx + ": --input-shape [3, 32, 32] contradicts the graph input 'image' [1, 32, 32]");
    }

    @Test
    void dynamicGraphNeedsFlags() throws Exception {
        Path onnx = fixture("dynamic.onnx");
        ModelPackageLoader loader = new ModelPackageLoader();
        assertThatThrownBy(() -> loader.open(onnx))
                .hasMessage(onnx + ": the graph input 'image' has shape [?, 3, ?, ?], not a static [N, C, H, W]; pass --input-shape C,H,W");
        assertThatThrownBy(() -> loader.open(onnx, new BareOnnxOptions(null, null, null, List.of(3, 224, 224), null)))
                .hasMessage(onnx + ": the graph's output size is not static; pass --labels A,B,…");
        try (ModelPackage pkg = loader.open(onnx, new BareOnnxOptions(null, null, List.of("x", "y"), List.of(3, 224, 224), null))) {
            assertThat(pkg.manifest().preprocessing().replicateChannels()).isTrue();
            assertThat(pkg.manifest().inputShape()).containsExactly(3, 224, 224);
        }
    }
}
