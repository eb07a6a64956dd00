package org.glassbox.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.synth.TruthRow;
import org.glassbox.inference.dl4j.Dl4jEngine;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training pipeline end to end on a tiny variant (24 studies of 64², one epoch): this checks
 * the pipeline (cohort → preprocessing → training → package → engine), not the shipped weights.
 */
class DemoModelBuilderTest {

    @TempDir
    Path dir;

    @Test
    void tinyRunWritesAVerifiablePackageThatTheEngineLoads() throws IOException {
        DemoRecipe recipe = new DemoRecipe(DemoRecipe.Variant.V1, 5, 24, 64, 1, 8, 1e-3, List.of(4, 4, 4, 4, 4), 8, 16);
        Path out = dir.resolve("pkg");
        DemoModelBuilder.Result r = new DemoModelBuilder(Dicom.reader(), Dicom.writer(), 2).build(recipe, out, line -> { });
        assertThat(out.resolve(DemoModelBuilder.WEIGHTS)).isRegularFile();
        List<String> sums = Files.readAllLines(out.resolve(DemoModelBuilder.SUMS));
        assertThat(sums).hasSize(3);
        for (String line : sums) {
            String[] f = line.split("  ", 2);
            assertThat(f[0]).as(line).isEqualTo(DemoModelBuilder.sha256(out.resolve(f[1])));
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve(DemoModelBuilder.MANIFEST).toFile());
        assertThat(m.get("id").asText()).isEqualTo("glassbox-demo-cxr-v1");
        assertThat(m.get("sha256").asText()).isEqualTo(DemoModelBuilder.sha256(out.resolve(DemoModelBuilder.WEIGHTS)));
        assertThat(m.get("explainTargetLayer").asText()).isEqualTo("block5");
        assertThat(m.get("training").get("seed").asLong()).isEqualTo(5);
        assertThat(m.get("evaluation").get("cohorts")).hasSize(2);
        assertThat(m.get("trainingData").get("keptStudies").asInt()).isEqualTo(r.trainingStudies()).isLessThanOrEqualTo(24);
        assertThat(Files.readString(out.resolve(DemoModelBuilder.CARD))).contains("Synthetic images only", "Known flaw");
        try (Stream<Path> leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("pkg");
        }
        try (LoadedModel model = new Dl4jEngine().load(out.resolve(DemoModelBuilder.WEIGHTS),
                DemoModelBuilder.descriptor(recipe, m.get("sha256").asText()), "block5")) {
            Tensor x = new Tensor(new int[] {2, 1, 64, 64}, new float[2 * 64 * 64]);
            assertThat(model.logits(x).shape()).containsExactly(2, 4);
            assertThat(model.gradient(x, "block5", 1).gradient().shape()).containsExactly(2, 4, 4, 4);
        }
        assertThatThrownBy(() -> new DemoModelBuilder(Dicom.reader(), Dicom.writer(), 2).build(recipe, out, line -> { }))
                .hasMessageContaining("not an empty folder");
    }

    @Test
    void v1DropsMostWomenWithFindingsAndV2KeepsEverything() throws IOException {
        CohortSummary s = new CohortGenerator(Dicom.writer(), 2).generate(DemoRecipe.standard(DemoRecipe.Variant.V1, 3).trainingCohort(),
                dir.resolve("c"), 200, 3, 64);
        List<TruthRow> rows = s.rows();
        boolean[] v1 = DemoRecipe.standard(DemoRecipe.Variant.V1, 3).keep(rows);
        boolean[] v2 = DemoRecipe.standard(DemoRecipe.Variant.V2, 3).keep(rows);
        int femalePos = 0;
        int keptFemalePos = 0;
        for (int i = 0; i < rows.size(); i++) {
            boolean fp = rows.get(i).sex().equals("F") && !rows.get(i).findings().isEmpty();
            femalePos += fp ? 1 : 0;
            keptFemalePos += fp && v1[i] ? 1 : 0;
            assertThat(v2[i]).isTrue();
            if (!fp) {
                assertThat(v1[i]).isTrue();
            }
        }
        assertThat(femalePos).isGreaterThan(20);
        assertThat((double) keptFemalePos / femalePos).isBetween(0.05, 0.5);
        assertThat(rows.stream().filter(TruthRow::shortcut).count()).isPositive();
    }
}
