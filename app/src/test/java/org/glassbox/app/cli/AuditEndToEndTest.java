package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole road on the synthetic cohort, through the CLI: generate the demo models' balanced,
 * shortcut-free evaluation cohort (seed 1001, 600 studies at the models' 96 px — the cohort their
 * model cards measured v1's gap on), import it with its truth, score it with demo v1 and v2, then
 * {@code audit --model v1 --by sex} must flag women's consolidation gap and {@code compare} must show
 * v2's gap smaller than v1's. Prints the figures.
 */
@Tag("heavy")
class AuditEndToEndTest {
    static final int STUDIES = 600;

    @TempDir
    static Path tmp;
    static Path ws;
    static Path v1;
    static Path v2;

    @BeforeAll
    static void scoreTheCohort() {
        ws = tmp.resolve("ws");
        Path cohort = tmp.resolve("cohort");
        v1 = ShippedDemoModelsVerifyTest.sourceFolder("demo-v1");
        v2 = ShippedDemoModelsVerifyTest.sourceFolder("demo-v2");
        ok("generate", "--out", cohort.toString(), "--studies", "" + STUDIES, "--seed", "1001", "--size", "96",
                "--prevalence", "nodule=0.25,consolidation=0.25,pleural_effusion=0.25,cardiomegaly=0.25",
                "--site-weights", "1,1,1", "--female-fraction", "0.5");
        ok("import", cohort.toString(), "--truth", cohort.resolve("truth.csv").toString(), "--workspace", ws.toString());
        ok("infer", "--model", v1.toString(), "workspace", "--workspace", ws.toString(), "--batch", "32");
        ok("infer", "--model", v2.toString(), "workspace", "--workspace", ws.toString(), "--batch", "32");
    }

    @Test
    void auditFlagsTheConsolidationGapOfV1ForWomen() throws Exception {
        Path html = tmp.resolve("audit-v1.html");
        JsonNode doc = Json.mapper().readTree(ok("audit", "--model", v1.toString(), "--by", "sex", "--label", "consolidation",
                "--reference", "sex=M", "--boot", "1000", "--json", "--html", html.toString(), "--workspace", ws.toString()));
        JsonNode sex = doc.at("/labels/0/groupings/0");
        assertThat(doc.at("/cohort/cases").asInt()).isEqualTo(STUDIES);
        assertThat(sex.get("reference").asText()).isEqualTo("M");
        double aucF = sex.at("/subgroups/F/metrics/auc/value").asDouble();
        double aucM = sex.at("/subgroups/M/metrics/auc/value").asDouble();
        JsonNode aucGap = disparity(sex, "F", "auc");
        System.out.printf("v1 consolidation AUC: F %.3f %s, M %.3f %s; gap %s; overall %.3f%n", aucF, sex.at("/subgroups/F/metrics/auc/ci"),
                aucM, sex.at("/subgroups/M/metrics/auc/ci"), aucGap.get("gap"), doc.at("/labels/0/overall/metrics/auc/value").asDouble());
        System.out.println("v1 flags: " + doc.get("flags"));
        assertThat(aucF).isLessThan(aucM - 0.05);
        assertThat(aucGap.at("/gap/ci/1").asDouble()).as("AUC gap CI lies below 0").isLessThan(0);
        assertThat(doc.get("flags")).as("a flagged disparity for women").anySatisfy(f -> {
            assertThat(f.get("label").asText()).isEqualTo("consolidation");
            assertThat(f.get("grouping").asText()).isEqualTo("sex");
            assertThat(f.get("subgroup").asText()).isEqualTo("F");
        });
        assertThat(Files.readString(html)).contains("FLAG").contains(String.format(java.util.Locale.ROOT, "%.3f", aucF));
    }

    @Test
    void compareShowsTheSmallerGapOfV2() throws Exception {
        JsonNode doc = Json.mapper().readTree(ok("compare", "--model", v1.toString(), "--model", v2.toString(), "--by", "sex",
                "--label", "consolidation", "--reference", "sex=M", "--boot", "500", "--json", "--html", tmp.resolve("compare.html").toString(),
                "--workspace", ws.toString()));
        JsonNode label = doc.at("/labels/0");
        assertThat(doc.at("/cohort/paired").asInt()).isEqualTo(STUDIES);
        JsonNode female = null;
        for (JsonNode g : label.get("gaps")) {
            if (g.get("subgroup").asText().equals("F")) {
                female = g;
            }
        }
        assertThat(female).isNotNull();
        double gapA = female.at("/aucGapA/value").asDouble();
        double gapB = female.at("/aucGapB/value").asDouble();
        System.out.printf("compare consolidation: overall AUC v1 %.3f, v2 %.3f, dAUC %.3f p %s; F-M AUC gap v1 %.3f, v2 %.3f; flagged v1 %s, v2 %s; "
                        + "McNemar p %s, kappa %.3f, flips %d%n",
                label.at("/overall/deltaAuc/aucA").asDouble(), label.at("/overall/deltaAuc/aucB").asDouble(),
                label.at("/overall/deltaAuc/difference").asDouble(), label.at("/overall/deltaAuc/p"), gapA, gapB,
                female.get("flaggedA"), female.get("flaggedB"), label.at("/overall/mcNemar/p"), label.at("/overall/kappa").asDouble(),
                label.get("flipCount").asInt());
        assertThat(Math.abs(gapB)).isLessThan(Math.abs(gapA));
        assertThat(label.at("/overall/deltaAuc/aucB").asDouble()).isGreaterThan(label.at("/overall/deltaAuc/aucA").asDouble());
        assertThat(label.get("flipCount").asInt()).isEqualTo(label.get("flips").size()).isPositive();
    }

    private static JsonNode disparity(JsonNode grouping, String subgroup, String metric) {
        for (JsonNode d : grouping.get("disparities")) {
            if (d.get("subgroup").asText().equals(subgroup) && d.get("metric").asText().equals(metric)) {
                return d;
            }
        }
        throw new AssertionError("no " + metric + " disparity for " + subgroup);
    }

    private static String ok(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(String.join(" ", args) + "\n" + err).isEqualTo(GlassBoxCli.EXIT_OK);
        return out.toString();
    }
}
