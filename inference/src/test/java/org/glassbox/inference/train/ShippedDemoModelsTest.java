package org.glassbox.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.inference.dl4j.Dl4jEngine;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.preprocess.DicomGreyscalePreprocessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo packages shipped in the resources jar: their SHA256SUMS hold, model.json names the
 * weights' hash, the engine loads them, and on a freshly generated balanced, shortcut-free cohort
 * (a seed the training never used) each label's AUC is at least the floor the card states.
 */
@Tag("heavy")
class ShippedDemoModelsTest {
    static final String ROOT = "/org/glassbox/resources/models/";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"demo-v1", "demo-v2"})
    void shippedPackageVerifiesAndMeetsItsStatedFloors(String name) throws IOException {
        Path pkg = dir.resolve(name);
        Files.createDirectories(pkg);
        for (String f : List.of(DemoModelBuilder.MANIFEST, DemoModelBuilder.WEIGHTS, DemoModelBuilder.CARD, DemoModelBuilder.SUMS)) {
            try (InputStream in = getClass().getResourceAsStream(ROOT + name + "/" + f)) {
                assertThat(in).as(name + "/" + f + " on the classpath").isNotNull();
                Files.copy(in, pkg.resolve(f));
            }
        }
        assertThat(Files.size(pkg.resolve(DemoModelBuilder.WEIGHTS))).isLessThan(8L << 20);
        for (String line : Files.readAllLines(pkg.resolve(DemoModelBuilder.SUMS))) {
            String[] f = line.split("  ", 2);
            assertThat(DemoModelBuilder.sha256(pkg.resolve(f[1]))).as(line).isEqualTo(f[0]);
        }
        JsonNode m = new ObjectMapper().readTree(pkg.resolve(DemoModelBuilder.MANIFEST).toFile());
        assertThat(m.get("sha256").asText()).isEqualTo(DemoModelBuilder.sha256(pkg.resolve(DemoModelBuilder.WEIGHTS)));
        int size = m.get("inputShape").get(1).asInt();
        List<String> labels = new ArrayList<>();
        m.get("labels").forEach(l -> labels.add(l.asText()));
        JsonNode floors = m.get("evaluation").get("acceptanceFloors");
        assertThat(floors.size()).as("the card states at least one floor").isPositive();

        CohortSummary cohort = new CohortGenerator(Dicom.writer(), 2).generate(DemoRecipe.evaluationCohort(false), dir.resolve("cohort"),
                240, 987_654, size);
        CohortImages images = CohortImages.load(cohort.out(), cohort.rows(), new DicomGreyscalePreprocessor(Dicom.reader(), size), 2);
        ModelDescriptor d = new ModelDescriptor(m.get("id").asText(), m.get("version").asText(), m.get("sha256").asText(),
                List.of(1, size, size), labels, ModelDescriptor.OutputKind.SIGMOID);
        try (LoadedModel model = new Dl4jEngine().load(pkg.resolve(DemoModelBuilder.WEIGHTS), d, m.get("explainTargetLayer").asText())) {
            Evaluation e = Evaluation.of("re-check", 987_654, images, model, 64);
            for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) floors::fields) {
                assertThat(e.aucByLabel().get(f.getKey())).as(name + " " + f.getKey()).isGreaterThanOrEqualTo(f.getValue().asDouble());
            }
        }
    }
}
