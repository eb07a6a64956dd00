package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the shipped demo model v1 (DL4J, 1 × 96 × 96, four sigmoid outputs) on a small
 * generated cohort: Grad-CAM with its faithfulness figures and the cohort's truth mask found next
 * to the DICOM file, the workspace cache, an attribution method on a .npy input, the DICOM export,
 * and the usage errors (exit 2, one line).
 */
class ExplainCommandTest {
    static final Path DEMO_V1 = Path.of("../resources/src/main/resources/org/glassbox/resources/models/demo-v1");

    @TempDir
    static Path shared;
    static Path cohort;
    /** An image with a nodule (its mask exists) and the nodule label's index. */
    static Path withNodule;
    static String noduleUid;

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
    static void cohort() throws Exception {
        cohort = shared.resolve("cohort");
        StringWriter sink = new StringWriter();
        assertThat(GlassBoxCli.run(new PrintWriter(sink), new PrintWriter(sink), "generate", "--out", cohort.toString(), "--studies", "12",
                "--size", "128", "--seed", "21")).as(sink.toString()).isZero();
        List<String> truth = Files.readAllLines(cohort.resolve("truth.csv"));
        for (String line : truth.subList(1, truth.size())) {
            String uid = line.substring(0, line.indexOf(','));
            if (Files.exists(cohort.resolve("masks/" + uid + "_nodule.npy"))) {
                noduleUid = uid;
                withNodule = cohort.resolve("dicom/" + uid + ".dcm");
                break;
            }
        }
        assertThat(withNodule).as("the cohort needs a nodule case").isNotNull();
    }

    @Test
    void gradCamWritesTheMapsReportsFaithfulnessAndIsCachedOnRerun() throws Exception {
        Path ws = dir.resolve("ws");
        org.glassbox.core.catalog.Catalog.open(org.glassbox.core.workspace.Workspace.open(ws).catalogFile()).close();
        Path map = dir.resolve("map.npy");
        String[] args = {"explain", "--model", DEMO_V1.toString(), "--method", "gradcam", "--target", "nodule", withNodule.toString(),
            "--out", map.toString(), "--workspace", ws.toString(), "--json", "--curve-steps", "10"};
        assertThat(run(args)).as(err.toString()).isZero();
        JsonNode doc = json();
        assertThat(doc.path("method").asText()).isEqualTo("gradcam");
        assertThat(doc.path("parameters").path("layer").asText()).isEqualTo("block5");
        assertThat(doc.path("target").path("index").asInt()).isZero();
        assertThat(doc.path("target").path("label").asText()).isEqualTo("nodule");
        assertThat(doc.path("instance").asText()).isEqualTo(noduleUid);
        assertThat(doc.path("targetScore").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.path("cache").path("hit").asBoolean()).isFalse();
        JsonNode f = doc.path("faithfulness");
        assertThat(f.path("deletionAuc").asDouble()).isBetween(0.0, 1.0);
        assertThat(f.path("insertionAuc").asDouble()).isBetween(0.0, 1.0);
        assertThat(f.path("deletionCurve")).hasSize(11);
        assertThat(f.path("mask").asText()).endsWith(noduleUid + "_nodule.npy");
        assertThat(f.path("pointing").asDouble()).isIn(0.0, 1.0);
        assertThat(f.path("iouAtTopPercent").path("10").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.path("timingsMs").path("perEvaluation").asDouble()).isPositive();
        NpyArray image = NpyIO.read(map);
        assertThat(image.shape()).containsExactly(96, 96);
        assertThat(NpyIO.read(dir.resolve("map_feature.npy")).shape()).containsExactly(6, 6);

        byte[] first = Files.readAllBytes(map);
        assertThat(run(args)).as(err.toString()).isZero();
        JsonNode again = json();
        assertThat(again.path("cache").path("hit").asBoolean()).isTrue();
        assertThat(again.path("modelEvaluations").asInt()).isZero();
        assertThat(again.path("parameters")).isEqualTo(doc.path("parameters"));
        assertThat(again.path("targetScore").asDouble()).isEqualTo(doc.path("targetScore").asDouble());
        assertThat(Files.readAllBytes(map)).isEqualTo(first);
        assertThat(ws.resolve("cache/explanations")).isDirectoryRecursivelyContaining("glob:**/explanation.json");
        // Both runs are in the workspace's audit log: model hash and SOP UID, never a path.
        List<String> audit = Files.readAllLines(ws.resolve("audit.log"));
        assertThat(audit).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"action\":\"EXPLANATION\"")
                .contains("\"sop:" + noduleUid + "\"").contains("\"method\":\"gradcam\"").doesNotContain(dir.toString()));
        assertThat(audit.get(1)).contains("\"cached\":true");
    }

    @Test
    void anAttributionMethodOnAPreprocessedTensor() throws Exception {
        // a .npy input: a smooth 1 × 96 × 96 image in [0, 1]
        float[] v = new float[96 * 96];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.5 + 0.4 * Math.sin(i % 96 / 9.0) * Math.cos(i / 96 / 13.0));
        }
        Path input = dir.resolve("x.npy");
        NpyIO.write(NpyArray.ofFloat32(v, 1, 96, 96), input);
        assertThat(run("explain", "--model", DEMO_V1.toString(), "--method", "occlusion", "--target", "2", input.toString(), "--out",
                dir.resolve("occ.npy").toString(), "--no-cache", "--json", "--curve-steps", "8", "--fill", "zero")).as(err.toString()).isZero();
        JsonNode doc = json();
        assertThat(doc.path("method").asText()).isEqualTo("occlusion");
        assertThat(doc.path("target").path("label").asText()).isEqualTo("pleural_effusion");
        assertThat(doc.path("instance").asText()).startsWith("npy-sha256-");
        assertThat(doc.path("faithfulness").has("pointing")).isFalse();
        assertThat(doc.path("modelEvaluations").asInt()).isGreaterThan(1);
        assertThat(NpyIO.read(dir.resolve("occ.npy")).shape()).containsExactly(96, 96);
    }

    @Test
    void aFileValuedOptionIsKeyedByItsContentNotItsPath() throws Exception {
        Path ws = dir.resolve("ws-files");
        org.glassbox.core.catalog.Catalog.open(org.glassbox.core.workspace.Workspace.open(ws).catalogFile()).close();
        Path baseline = dir.resolve("PATIENT_NAME_baseline.npy");
        float[] grey = new float[96 * 96];
        java.util.Arrays.fill(grey, 0.2f);
        NpyIO.write(NpyArray.ofFloat32(grey, 1, 96, 96), baseline);
        String[] args = {"explain", "--model", DEMO_V1.toString(), "--method", "ig", "--target", "nodule", withNodule.toString(),
            "--out", dir.resolve("ig.npy").toString(), "--workspace", ws.toString(), "--json", "--curve-steps", "2",
            "--option", "steps=2", "--option", "baseline=image", "--option", "baseline-image=" + baseline};
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(json().path("cache").path("hit").asBoolean()).isFalse();
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(json().path("cache").path("hit").asBoolean()).isTrue();
        java.util.Arrays.fill(grey, 0.7f); // same path, other content: must not reuse the old map
        NpyIO.write(NpyArray.ofFloat32(grey, 1, 96, 96), baseline);
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(json().path("cache").path("hit").asBoolean()).isFalse();
        assertThat(Files.readString(ws.resolve("audit.log"))).contains("sha256:").doesNotContain("PATIENT_NAME");
    }

    @Test
    void theDicomExportReferencesTheSourceAndPassesDciodvfy() throws Exception {
        Path dciodvfy = ExternalTools.require("/usr/bin/dciodvfy", "dicom3tools");
        Path dcm = dir.resolve("map.dcm");
        assertThat(run("explain", "--model", DEMO_V1.toString(), "--method", "hirescam", "--target", "nodule", withNodule.toString(), "--out",
                dir.resolve("m.npy").toString(), "--no-cache", "--dicom-out", dcm.toString(), "--curve-steps", "4")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("deletion AUC").contains("pointing");
        Process p = new ProcessBuilder(dciodvfy.toString(), dcm.toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report).as(report).contains("ParametricMap").doesNotContain("Error");
        assertThat(new String(Files.readAllBytes(dcm), StandardCharsets.ISO_8859_1)).contains(noduleUid);
    }

    @Test
    void usageErrorsAreOneLineWithExitTwo() throws Exception {
        String m = DEMO_V1.toString();
        String in = withNodule.toString();
        String o = dir.resolve("e.npy").toString();
        assertUsage(new String[] {"explain", "--model", m, "--method", "lime", in, "--out", o}, "unknown explanation method 'lime'");
        assertUsage(new String[] {"explain", "--model", m, "--method", "gradcam", "--target", "7", in, "--out", o, "--no-cache"},
                "target 7 is out of range");
        assertUsage(new String[] {"explain", "--model", m, "--method", "gradcam", "--target", "fracture", in, "--out", o, "--no-cache"},
                "unknown target 'fracture'");
        assertUsage(new String[] {"explain", "--model", m, "--method", "gradcam", "--layer", "block9", in, "--out", o, "--no-cache"},
                "unknown layer 'block9'");
        assertUsage(new String[] {"explain", "--model", m, "--method", "gradcam", "--layer", "embedding", in, "--out", o, "--no-cache"},
                "spatial extent");
        Path badMask = dir.resolve("mask.npy");
        NpyIO.write(NpyArray.ofUint8(new byte[50 * 40], 50, 40), badMask);
        assertUsage(new String[] {"explain", "--model", m, "--method", "gradcam", in, "--out", o, "--no-cache", "--mask", badMask.toString()},
                "mask size mismatch");
        Path npy = dir.resolve("x.npy");
        NpyIO.write(NpyArray.ofFloat32(new float[96 * 96], 1, 96, 96), npy);
        assertUsage(new String[] {"explain", "--model", m, "--method", "gradcam", npy.toString(), "--out", o, "--dicom-out",
            dir.resolve("x.dcm").toString()}, "--dicom-out needs a DICOM INPUT");
        NpyIO.write(NpyArray.ofFloat32(new float[2 * 96 * 96], 2, 96, 96), npy);
        assertUsage(new String[] {"explain", "--model", m, "--method", "gradcam", npy.toString(), "--out", o, "--no-cache"},
                "the model takes one 1 x 96 x 96 float32 image");
        assertThat(Files.exists(Path.of(o))).isFalse();
    }

    private void assertUsage(String[] args, String message) {
        assertThat(run(args)).as(err.toString()).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(err.toString()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
