package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.inference.pkg.Sha256;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code glassbox models verify} accepts the shipped demo packages: the folders in the resources
 * module's source tree (what {@code ./glassbox models verify resources/src/main/resources/…/demo-v1}
 * checks) and the copies in the resources jar on the class path.
 */
class ShippedDemoModelsVerifyTest {
    static final String MODELS = "org/glassbox/resources/models/";

    @TempDir
    Path tmp;

    /** The resources module's source folder; tests run with the module folder (app/) as working directory. */
    static Path sourceFolder(String name) {
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("resources/src/main/resources/" + MODELS + name);
        assertThat(dir).as("shipped package folder (run from the app module folder)").isDirectory();
        return dir;
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return GlassBoxCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-v1", "demo-v2"})
    void verifyAcceptsTheShippedFolder(String name) throws IOException {
        Path pkg = sourceFolder(name);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "models", "verify", pkg.toString())).as(err.toString()).isEqualTo(GlassBoxCli.EXIT_OK);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo("OK: " + pkg + " (sha256 " + Sha256.hex(pkg.resolve("SHA256SUMS")) + ")" + System.lineSeparator()
                + "signature: absent (no SIGNATURE file)" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-v1", "demo-v2"})
    void verifyAcceptsTheCopyInTheResourcesJarAndRefusesItTampered(String name) throws IOException {
        Path pkg = tmp.resolve(name);
        Files.createDirectories(pkg);
        byte[] sums = resource(MODELS + name + "/SHA256SUMS");
        Files.write(pkg.resolve("SHA256SUMS"), sums);
        for (String line : new String(sums, StandardCharsets.UTF_8).lines().toList()) {
            String file = line.substring(line.indexOf("  ") + 2);
            Files.write(pkg.resolve(file), resource(MODELS + name + "/" + file));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "models", "verify", "--json", pkg.toString())).as(err.toString()).isEqualTo(GlassBoxCli.EXIT_OK);
        assertThat(Json.mapper().readTree(out.toString()).get("ok").asBoolean()).isTrue();
        assertThat(Json.mapper().readTree(out.toString()).get("sha256").asText()).isEqualTo(Sha256.hex(sourceFolder(name).resolve("SHA256SUMS")));

        Files.writeString(pkg.resolve("MODEL_CARD.md"), "edited\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        StringWriter err2 = new StringWriter();
        assertThat(run(new StringWriter(), err2, "models", "verify", pkg.toString())).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(err2.toString()).contains("MODEL_CARD.md: SHA-256 does not match");
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ShippedDemoModelsVerifyTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path + " on the class path").isNotNull();
            return in.readAllBytes();
        }
    }
}
