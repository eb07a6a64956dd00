package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void generatesACohortAndPrintsAJsonSummary() throws Exception {
        Path c = dir.resolve("cohort");
        int code = run("generate", "--out", c.toString(), "--studies", "12", "--size", "96", "--seed", "3",
                "--prevalence", "nodule=1,cardiomegaly=0", "--shortcut", "--shortcut-rates", "1,1",
                "--site-weights", "0,1,0", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.get("studies").asInt()).isEqualTo(12);
        assertThat(doc.get("labels").get("nodule").asInt()).isEqualTo(12);
        assertThat(doc.get("labels").get("cardiomegaly").asInt()).isZero();
        assertThat(doc.get("sites").get("Riverside Community Clinic").asInt()).isEqualTo(12);
        assertThat(doc.get("shortcut").asInt()).isEqualTo(12);
        List<String> truth = Files.readAllLines(c.resolve("truth.csv"));
        assertThat(truth).hasSize(13);
        assertThat(truth.get(0)).startsWith("sop_instance_uid,patient_id,study_instance_uid");
        try (Stream<Path> files = Files.list(c.resolve("dicom"))) {
            assertThat(files.count()).isEqualTo(12);
        }
        try (Stream<Path> files = Files.list(c.resolve("masks"))) {
            assertThat(files.filter(p -> p.toString().endsWith("_nodule.npy")).count()).isEqualTo(12);
        }
    }

    @Test
    void plainOutputIsOneLine() {
        assertThat(run("generate", "--out", dir.resolve("p").toString(), "--studies", "2", "--size", "64")).isZero();
        assertThat(out.toString().lines().toList()).hasSize(1).first().asString().startsWith("generated 2 studies in");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertThat(run("generate", "--out", dir.resolve("x").toString(), "--studies", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--studies must be");
        assertThat(run("generate", "--out", dir.resolve("x").toString(), "--studies", "2", "--prevalence", "tumour=0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown finding 'tumour'");
        assertThat(run("generate", "--out", dir.resolve("x").toString(), "--studies", "2", "--prevalence", "nodule=2")).isEqualTo(2);
        assertThat(run("generate", "--out", dir.resolve("x").toString(), "--studies", "2", "--size", "10")).isEqualTo(2);
        assertThat(run("generate", "--studies", "2")).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }

    @Test
    void aNonEmptyOutputFolderFailsWithExitOneAndIsLeftAlone() throws Exception {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("mine.txt"), "x");
        assertThat(run("generate", "--out", busy.toString(), "--studies", "2", "--size", "64")).isEqualTo(1);
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString()
                .startsWith("glassbox generate: ").contains("busy").contains("not an empty folder");
        try (Stream<Path> files = Files.list(busy)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("mine.txt");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("busy");
        }
    }
}
