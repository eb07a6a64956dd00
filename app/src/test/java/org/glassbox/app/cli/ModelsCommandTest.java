package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.inference.pkg.ManifestJson;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackageWriter;
import org.glassbox.inference.pkg.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
    @TempDir
    Path tmp;
    private StringWriter out;
    private StringWriter err;
    private Path ws;

    static final String MANIFEST = """
            {"schemaVersion": 1, "id": "ID", "version": "VERSION", "task": "multi-label-classification",
             "labels": ["effusion", "nodule"], "inputShape": [1, 32, 32], "channels": "grey", "output": "sigmoid",
             "weights": {"format": "dl4j", "file": "model.zip"},
             "preprocessing": {"windowing": {"mode": "minmax"}, "scaling": {"min": 0, "max": 1},
                               "resize": {"size": 32, "interpolation": "area"}},
             "licence": "Apache-2.0", "intendedUse": "tests", "trainingData": "none"}
            """;

    @BeforeEach
    void setUp() {
        ws = tmp.resolve("ws");
        reset();
    }

    private void reset() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int run(String... args) {
        reset();
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path pkg(String name, String id, String version, String weights) throws Exception {
        ModelManifest m = new ManifestJson().read(MANIFEST.replace("ID", id).replace("VERSION", version).getBytes(StandardCharsets.UTF_8), "t");
        Path dir = tmp.resolve(name);
        ModelPackageWriter.forManifest(m).file("model.zip", weights.getBytes(StandardCharsets.UTF_8)).writeFolder(dir);
        return dir;
    }

    @Test
    void addThenListJsonHasExactlyTheDocumentedShape() throws Exception {
        Path a = pkg("a", "alpha", "1.0", "weights A");
        Path zip = tmp.resolve("b.zip");
        ModelPackageWriter.forManifest(new ManifestJson().read(MANIFEST.replace("ID", "beta").replace("VERSION", "2.0")
                .getBytes(StandardCharsets.UTF_8), "t")).file("model.zip", "weights B".getBytes(StandardCharsets.UTF_8)).writeZip(zip);
        assertThat(run("models", "add", a.toString(), "--workspace", ws.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("added: alpha 1.0 (dl4j, sha256 ");
        assertThat(run("models", "add", zip.toString(), "--workspace", ws.toString())).as(err.toString()).isZero();

        assertThat(run("models", "list", "--workspace", ws.toString(), "--json")).isZero();
        JsonNode list = Json.mapper().readTree(out.toString());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(2);
        for (JsonNode entry : list) {
            List<String> keys = new ArrayList<>();
            entry.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("id", "version", "format", "sha256", "path");
        }
        assertThat(list.get(0).get("id").asText()).isEqualTo("alpha");
        assertThat(list.get(0).get("sha256").asText()).isEqualTo(Sha256.hex(Files.readAllBytes(a.resolve("SHA256SUMS"))));
        assertThat(list.get(0).get("path").asText()).isEqualTo(a.toAbsolutePath().toString());
        assertThat(list.get(1).get("id").asText()).isEqualTo("beta");
        assertThat(list.get(1).get("format").asText()).isEqualTo("dl4j");
        assertThat(list.get(1).get("path").asText()).endsWith("b.zip");
    }

    @Test
    void addingTheSamePackageTwiceIsIdempotent() throws Exception {
        Path a = pkg("a", "alpha", "1.0", "weights A");
        assertThat(run("models", "add", a.toString(), "--workspace", ws.toString())).isZero();
        assertThat(run("models", "add", a.toString(), "--workspace", ws.toString(), "--json")).isZero();
        assertThat(Json.mapper().readTree(out.toString()).get("outcome").asText()).isEqualTo("unchanged");
        run("models", "list", "--workspace", ws.toString(), "--json");
        assertThat(Json.mapper().readTree(out.toString())).hasSize(1);
    }

    @Test
    void conflictingAddIsRefused() throws Exception {
        Path a = pkg("a", "alpha", "1.0", "weights A");
        Path a2 = pkg("a2", "alpha", "1.0", "other weights");
        assertThat(run("models", "add", a.toString(), "--workspace", ws.toString())).isZero();
        assertThat(run("models", "add", a2.toString(), "--workspace", ws.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("glassbox models add: model alpha 1.0 is already registered with sha256 ")
                .endsWith("give it a new version").doesNotContain("\n");
        run("models", "list", "--workspace", ws.toString(), "--json");
        assertThat(Json.mapper().readTree(out.toString())).hasSize(1);
    }

    @Test
    void tamperedPackageIsNeitherAddedNorVerified() throws Exception {
        Path a = pkg("a", "alpha", "1.0", "weights A");
        assertThat(run("models", "verify", a.toString())).isZero();
        assertThat(out.toString()).startsWith("OK: ");
        Files.writeString(a.resolve("model.zip"), "tampered");
        assertThat(run("models", "verify", a.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("glassbox models verify: " + a + ": model.zip: SHA-256 does not match SHA256SUMS (listed "
                + Sha256.hex("weights A".getBytes(StandardCharsets.UTF_8)).substring(0, 12) + "…, file has "
                + Sha256.hex("tampered".getBytes(StandardCharsets.UTF_8)).substring(0, 12) + "…)");
        assertThat(run("models", "verify", a.toString(), "--json")).isEqualTo(1);
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("problems")).hasSize(1);
        assertThat(run("models", "add", a.toString(), "--workspace", ws.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("model.zip: SHA-256 does not match");
        run("models", "list", "--workspace", ws.toString(), "--json");
        assertThat(Json.mapper().readTree(out.toString())).isEmpty();
    }

    @Test
    void bareOnnxShowsItsSynthesisedManifest() throws Exception {
        Path onnx = tmp.resolve("tiny.onnx");
        Files.copy(Path.of(getClass().getResource("/org/glassbox/app/cli/models/static.onnx").toURI()), onnx);
        assertThat(run("models", "verify", onnx.toString(), "--json", "--labels", "a,b,c", "--output", "sigmoid")).as(err.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.get("manifest").get("inputShape").toString()).isEqualTo("[1,32,32]");
        assertThat(doc.get("manifest").get("labels").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(doc.get("manifest").get("preprocessing").get("windowing").get("mode").asText()).isEqualTo("dicom-voi");
        assertThat(run("models", "add", onnx.toString(), "--workspace", ws.toString(), "--json")).isZero();
        assertThat(Json.mapper().readTree(out.toString()).get("synthesised").asBoolean()).isTrue();
        assertThat(run("models", "verify", onnx.toString(), "--output", "maybe")).isEqualTo(2);
        assertThat(err.toString()).contains("--output must be sigmoid, softmax or identity");
    }
}
