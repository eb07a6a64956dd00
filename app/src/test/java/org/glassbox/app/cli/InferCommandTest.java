package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.imaging.PlanarImage;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.pkg.ModelPackageLoader;
import org.glassbox.inference.pkg.ModelPackageWriter;
import org.glassbox.inference.preprocess.DicomPreprocessor;
import org.glassbox.inference.preprocess.PreprocessingSpecs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a 64-study generated cohort imported into a workspace, the committed tiny ONNX CNN
 * (1 × 16 × 16 → 3 logits) packaged with ModelPackageWriter, {@code infer ... workspace}: one row
 * per instance, equal to the engine run directly on the same preprocessed tensors; a rerun is all
 * cache hits.
 */
class InferCommandTest {
    static final Path ONNX = Path.of("../inference/src/test/resources/onnx/tiny_cnn.onnx");
    static final String POOL = "/pool/MaxPool_output_0";
    static final int STUDIES = 64;

    @TempDir
    static Path shared;
    static Path ws;
    static Path pkg;
    static Path cohort;
    static LoadedModel direct;
    static ModelManifest manifest;
    static String sha;

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private JsonNode json() throws Exception {
        return Json.mapper().readTree(out.toString());
    }

    @BeforeAll
    static void cohortWorkspaceAndPackage() throws Exception {
        cohort = shared.resolve("cohort");
        ws = shared.resolve("ws");
        StringWriter sink = new StringWriter();
        assertThat(GlassBoxCli.run(new PrintWriter(sink), new PrintWriter(sink), "generate", "--out", cohort.toString(), "--studies",
                String.valueOf(STUDIES), "--size", "64", "--seed", "3")).as(sink.toString()).isZero();
        assertThat(GlassBoxCli.run(new PrintWriter(sink), new PrintWriter(sink), "import", cohort.resolve("dicom").toString(),
                "--workspace", ws.toString())).as(sink.toString()).isZero();
        manifest = new ModelManifest(1, "tiny-cnn", "1.0.0", ModelManifest.Task.MULTI_CLASS_CLASSIFICATION, List.of("a", "b", "c"),
                List.of(1, 16, 16), ModelManifest.Channels.GREY, OutputKind.SOFTMAX, new ModelManifest.Weights(ModelFormat.ONNX, "model.onnx"),
                new ModelManifest.Preprocessing(new ModelManifest.Windowing(ModelManifest.WindowMode.DICOM_VOI, null, null),
                        new ModelManifest.Scaling(-1.0, 1.0), new ModelManifest.Resize(16, ModelManifest.Interpolation.AREA, null), null, false,
                        null),
                new ModelManifest.Explain(POOL, POOL), "MIT", "Tests only.", "Random weights (PyTorch seed), no training data.", null, null);
        pkg = shared.resolve("tiny-pkg");
        sha = ModelPackageWriter.forManifest(manifest).weights(ONNX).writeFolder(pkg);
        try (ModelPackage p = new ModelPackageLoader().open(pkg)) {
            direct = Engines.discover().load(p);
        }
    }

    @AfterAll
    static void close() {
        direct.close();
    }

    /** The engine on one file's preprocessed tensor, without the CLI or the batch runner. */
    static float[] directLogits(Path file) throws Exception {
        PlanarImage img = new DicomPreprocessor(Dicom.reader(), PreprocessingSpecs.of(manifest), manifest.inputShape()).prepare(file);
        return direct.logits(new Tensor(new int[] {1, 1, 16, 16}, img.data())).data();
    }

    @Test
    void workspaceGivesOneRowPerInstanceEqualToTheEngineAndARerunIsAllCacheHits() throws Exception {
        assertThat(run("infer", "--model", pkg.toString(), "workspace", "--workspace", ws.toString(), "--json", "--batch", "5"))
                .as(err.toString()).isZero();
        JsonNode doc = json();
        assertThat(doc.path("model").path("sha256").asText()).isEqualTo(sha);
        assertThat(doc.path("counts").path("computed").asInt()).isEqualTo(STUDIES);
        assertThat(doc.path("counts").path("cached").asInt()).isZero();
        assertThat(doc.path("execution").path("device").asText()).isEqualTo("cpu");
        assertThat(doc.path("execution").path("threads").asInt()).isPositive();
        assertThat(doc.path("timingsMs").path("inference").asDouble()).isPositive();
        assertThat(doc.path("peakRssBytes").asLong()).isPositive();
        assertThat(doc.path("preprocessing").path("resize").path("interpolation").asText()).isEqualTo("area");
        JsonNode results = doc.path("results");
        assertThat(results).hasSize(STUDIES);
        Map<String, Path> files = new HashMap<>();
        try (Catalog c = Catalog.open(ws.resolve("catalog.sqlite"))) {
            for (CataloguedInstance ci : c.instances().all()) {
                files.put(ci.sopInstanceUid(), ci.file());
            }
            List<String> uids = new ArrayList<>(files.keySet());
            Map<String, Prediction> stored = c.predictions().find(sha, uids);
            assertThat(stored).hasSize(STUDIES);
            assertThat(stored.values()).allMatch(p -> p.embedding() != null && p.embedding().length == 4 && POOL.equals(p.embeddingLayer()));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode r : results) {
            String uid = r.path("sopInstanceUid").asText();
            assertThat(seen.add(uid)).isTrue();
            float[] expected = directLogits(files.get(uid));
            for (int k = 0; k < 3; k++) {
                // batch of 5 vs batch of 1: the same values up to float rounding in the engine's kernels
                assertThat((float) r.path("logits").get(k).asDouble()).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-5f));
            }
            double sum = r.path("scores").path("a").asDouble() + r.path("scores").path("b").asDouble() + r.path("scores").path("c").asDouble();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(seen).isEqualTo(files.keySet());

        String firstResults = results.toString();
        assertThat(run("infer", "--model", pkg.toString(), "workspace", "--workspace", ws.toString(), "--json")).isZero();
        assertThat(json().path("counts").path("cached").asInt()).isEqualTo(STUDIES);
        assertThat(json().path("counts").path("computed").asInt()).isZero();
        assertThat(json().path("results").toString().replace("\"cached\"", "\"computed\"")).isEqualTo(firstResults);

        // the registered model by id: same identity, so the same cache
        assertThat(run("models", "add", pkg.toString(), "--workspace", ws.toString())).isZero();
        assertThat(run("infer", "--model", "tiny-cnn", "workspace", "--workspace", ws.toString(), "--json")).as(err.toString()).isZero();
        assertThat(json().path("counts").path("cached").asInt()).isEqualTo(STUDIES);
        assertThat(run("infer", "--model", "tiny-cnn:1.0.0", "workspace", "--workspace", ws.toString())).isZero();
        assertThat(out.toString().lines().count()).isEqualTo(STUDIES + 1);
        assertThat(out.toString().lines().findFirst().orElseThrow()).contains("input", "a", "b", "c", "source");
    }

    @Test
    void npyTensorsAndDicomFilesAgreeAndOutWritesTheRawOutputs() throws Exception {
        List<Path> files;
        try (var s = Files.list(cohort.resolve("dicom"))) {
            files = s.sorted().limit(3).toList();
        }
        float[] tensor = new float[3 * 256];
        DicomPreprocessor pre = new DicomPreprocessor(Dicom.reader(), PreprocessingSpecs.of(manifest), manifest.inputShape());
        for (int i = 0; i < 3; i++) {
            pre.prepare(files.get(i)).copyTo(tensor, i * 256);
        }
        Path npy = dir.resolve("x.npy");
        NpyIO.write(NpyArray.ofFloat32(tensor, 3, 1, 16, 16), npy);
        Path raw = dir.resolve("raw.npy");
        assertThat(run("infer", "--model", pkg.toString(), npy.toString(), files.get(0).toString(), files.get(1).toString(),
                files.get(2).toString(), "--out", raw.toString(), "--batch", "2", "--json")).as(err.toString()).isZero();
        NpyArray written = NpyIO.read(raw);
        assertThat(written.shape()).containsExactly(6, 3);
        float[] v = written.toFloatArray();
        for (int i = 0; i < 3; i++) {
            float[] expected = directLogits(files.get(i));
            for (int k = 0; k < 3; k++) {
                assertThat(v[i * 3 + k]).as("npy row %d", i).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(v[(i + 3) * 3 + k]).as("dicom row %d", i).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        assertThat(json().path("results").get(0).path("input").asText()).endsWith("x.npy[0]");
        assertThat(json().path("results").get(3).path("outRow").asInt()).isEqualTo(3);
    }

    @Test
    void badInputsFailOneByOneWithOneLineEach() throws Exception {
        Path wrongShape = dir.resolve("shape.npy");
        NpyIO.write(NpyArray.ofFloat32(new float[2 * 3 * 16 * 16], 2, 3, 16, 16), wrongShape);
        Path wrongType = dir.resolve("type.npy");
        NpyIO.write(NpyArray.ofUint8(new byte[256], 1, 1, 16, 16), wrongType);
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.copy(Files.list(cohort.resolve("dicom")).sorted().findFirst().orElseThrow(), folder.resolve("good.dcm"));
        Files.write(folder.resolve("broken.dcm"), new byte[] {0, 1, 2});
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        assertThat(run("infer", "--model", pkg.toString(), wrongShape.toString(), wrongType.toString(), folder.toString(),
                dir.resolve("missing.dcm").toString())).isEqualTo(1);
        List<String> errors = err.toString().lines().toList();
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0)).contains("shape.npy", "shape [2, 3, 16, 16]", "N x 1 x 16 x 16 float32", "3 channels");
        assertThat(errors.get(1)).contains("type.npy", "dtype |u1");
        assertThat(errors.get(2)).contains("broken.dcm");
        assertThat(errors.get(3)).contains("missing.dcm", "no such file");
        assertThat(out.toString()).contains("good.dcm");
    }

    @Test
    void anUnknownModelIsOneLineAndABareOnnxShowsItsDefaults() throws Exception {
        assertThat(run("infer", "--model", "no-such-model", "x.dcm", "--workspace", dir.resolve("ws").toString())).isEqualTo(1);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).contains("unknown model 'no-such-model'");
        assertThat(Files.exists(dir.resolve("ws"))).isFalse();

        Path one = Files.list(cohort.resolve("dicom")).sorted().findFirst().orElseThrow();
        assertThat(run("infer", "--model", ONNX.toString(), "--labels", "x,y,z", "--output", "softmax", one.toString(), "--json"))
                .as(err.toString()).isZero();
        JsonNode doc = json();
        assertThat(doc.path("model").path("synthesised").asBoolean()).isTrue();
        assertThat(doc.path("preprocessing").path("windowing").path("mode").asText()).isEqualTo("dicom-voi");
        assertThat(doc.path("preprocessing").path("resize").path("size").asInt()).isEqualTo(16);
        assertThat(doc.path("results").get(0).path("scores").has("y")).isTrue();
        assertThat(run("infer", "--model", pkg.toString(), one.toString(), "--batch", "0")).isEqualTo(2);
    }

}
