package org.glassbox.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.inference.pkg.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped demo packages are exactly the conversion of their recorded training runs: converting
 * the record again around the shipped weights and card gives the shipped model.json and
 * SHA256SUMS byte for byte, the weights are the ones the record names, and the card the builder
 * would write from the same facts is the shipped card.
 */
class LegacyDemoPackagesTest {
    @TempDir
    Path dir;

    static byte[] resource(String path) throws IOException {
        try (InputStream in = LegacyDemoPackagesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }

    /** Copies a shipped package from the classpath (resources jar) to {@code to}: SHA256SUMS and every file it lists. */
    static Path copyShipped(String name, Path to) throws IOException {
        String root = ShippedDemoModelsTest.ROOT + name + "/";
        Files.createDirectories(to);
        byte[] sums = resource(root + DemoModelBuilder.SUMS);
        Files.write(to.resolve(DemoModelBuilder.SUMS), sums);
        for (String line : new String(sums, StandardCharsets.UTF_8).lines().toList()) {
            String file = line.substring(line.indexOf("  ") + 2);
            Files.write(to.resolve(file), resource(root + file));
        }
        return to;
    }

    @ParameterizedTest
    @CsvSource({
        "demo-v1, 5c00a38e58346beb692db02c39f5202d7f99b00602ca569633316d148d7e35e0",
        "demo-v2, 097511b8b107951061c3b9f7e54c5c581111502f34784efd80b561e3fa414d14"})
    void shippedPackageIsTheConversionOfItsRecordedRun(String name, String weightsSha) throws IOException {
        Path shipped = copyShipped(name, dir.resolve("shipped"));
        LegacyDemoPackages.Recorded recorded = LegacyDemoPackages.read(resource(name + ".training-record.json"));
        assertThat(recorded.weightsSha256()).isEqualTo(weightsSha);
        assertThat(Sha256.hex(shipped.resolve(DemoModelBuilder.WEIGHTS))).isEqualTo(weightsSha);

        Path converted = dir.resolve("converted");
        String identity = LegacyDemoPackages.convert(recorded, shipped, converted);
        assertThat(identity).isEqualTo(Sha256.hex(shipped.resolve(DemoModelBuilder.SUMS)));
        for (String f : new String[] {DemoModelBuilder.MANIFEST, DemoModelBuilder.SUMS, DemoModelBuilder.WEIGHTS, DemoModelBuilder.CARD}) {
            assertThat(converted.resolve(f)).as(f).hasSameBinaryContentAs(shipped.resolve(f));
        }
        assertThat(new DemoPackageText(recorded.record()).card())
                .isEqualTo(Files.readString(shipped.resolve(DemoModelBuilder.CARD), StandardCharsets.UTF_8));
    }

    @Test
    void aRecordWhoseCountsTheSeedDoesNotReproduceIsRefused() throws IOException {
        String json = new String(resource("demo-v1.training-record.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"keptStudies\" : 876");
        assertThatThrownBy(() -> LegacyDemoPackages.read(json.replace("\"keptStudies\" : 876", "\"keptStudies\" : 875")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("recorded trainingData.keptStudies 875 disagrees with 876");
        assertThatThrownBy(() -> LegacyDemoPackages.read(json.replace("\"consolidation\" : 130", "\"consolidation\" : 131")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("evaluation.cohorts[0].positives");
    }

    @Test
    void weightsOtherThanTheRecordedOnesAreRefused() throws IOException {
        Path shipped = copyShipped("demo-v2", dir.resolve("shipped"));
        LegacyDemoPackages.Recorded v1 = LegacyDemoPackages.read(resource("demo-v1.training-record.json"));
        assertThatThrownBy(() -> LegacyDemoPackages.convert(v1, shipped, dir.resolve("out")))
                .hasMessageContaining("the record names 5c00a38e");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
