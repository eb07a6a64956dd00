package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.glassbox.inference.pkg.ManifestJson;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackageWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen → sign → trust → verify / add / requireSignature, end to end through the CLI. */
class ModelSigningCommandsTest {
    @TempDir
    Path tmp;
    private StringWriter out;
    private StringWriter err;
    private Path ws;
    private Path pkg;

    @BeforeEach
    void setUp() throws Exception {
        ws = tmp.resolve("ws");
        ModelManifest m = new ManifestJson().read(ModelsCommandTest.MANIFEST.replace("ID", "signed").replace("VERSION", "1")
                .getBytes(StandardCharsets.UTF_8), "t");
        pkg = tmp.resolve("pkg");
        ModelPackageWriter.forManifest(m).file("model.zip", "weights".getBytes(StandardCharsets.UTF_8)).writeFolder(pkg);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private String signatureStatus() throws Exception {
        run("models", "verify", pkg.toString(), "--workspace", ws.toString(), "--json");
        JsonNode doc = Json.mapper().readTree(out.toString());
        return doc.get("signature").get("status").asText();
    }

    @Test
    void signTrustVerifyAndRequire() throws Exception {
        Path keys = tmp.resolve("keys");
        assertThat(run("models", "keygen", "--out", keys.toString())).as(err.toString()).isZero();
        Path priv = keys.resolve("glassbox-signing.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        assertThat(run("models", "keygen", "--out", keys.toString())).isEqualTo(GlassBoxCli.EXIT_FAILED); // never replaces a key
        assertThat(run("models", "add", pkg.toString(), "--workspace", ws.toString())).as(err.toString()).isZero();

        assertThat(signatureStatus()).isEqualTo("absent");
        assertThat(run("models", "sign", pkg.toString(), "--key", priv.toString())).as(err.toString()).isZero();
        assertThat(signatureStatus()).isEqualTo("untrusted-key");
        Files.createDirectories(ws.resolve("trusted-keys"));
        Files.copy(keys.resolve("glassbox-signing.pub"), ws.resolve("trusted-keys/alice.pub"));
        assertThat(signatureStatus()).isEqualTo("valid");
        assertThat(run("models", "verify", pkg.toString(), "--workspace", ws.toString())).isZero();
        assertThat(out.toString()).contains("signature: valid (signature valid, trusted key ");

        // requireSignature: an unsigned package is refused at verify, add and every load (infer via the registry).
        Files.writeString(ws.resolve("settings.properties"), "models.requireSignature = true\n");
        Path unsigned = tmp.resolve("unsigned");
        ModelManifest m2 = new ManifestJson().read(ModelsCommandTest.MANIFEST.replace("ID", "plain").replace("VERSION", "1")
                .getBytes(StandardCharsets.UTF_8), "t");
        ModelPackageWriter.forManifest(m2).file("model.zip", "weights".getBytes(StandardCharsets.UTF_8)).writeFolder(unsigned);
        assertThat(run("models", "verify", unsigned.toString(), "--workspace", ws.toString())).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(err.toString()).contains("unsigned").contains("requires a signature");
        assertThat(run("models", "add", unsigned.toString(), "--workspace", ws.toString())).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(err.toString()).contains("requires a signature");
        assertThat(run("models", "verify", pkg.toString(), "--workspace", ws.toString())).isZero();

        // Tampered weights after signing: refused, naming the file.
        Files.writeString(pkg.resolve("model.zip"), "weightz");
        assertThat(run("models", "verify", pkg.toString(), "--workspace", ws.toString())).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(err.toString()).contains("model.zip: SHA-256 does not match");
        assertThat(run("infer", "--model", "signed", "--workspace", ws.toString(), tmp.resolve("none.dcm").toString()))
                .isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(err.toString()).contains("model.zip");

        // Registration and verification are audited; the log still verifies.
        assertThat(run("audit-log", "verify", "--workspace", ws.toString())).as(err.toString()).isZero();
        String log = Files.readString(ws.resolve("audit.log"));
        assertThat(log).contains("\"MODEL_REGISTRATION\"").contains("\"MODEL_VERIFICATION\"").contains("\"signature\":\"valid\"");
    }
}
