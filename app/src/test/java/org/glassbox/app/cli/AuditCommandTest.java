package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit} and {@code compare} on CSV predictions (the catalog road is in {@link AuditEndToEndTest}). */
class AuditCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** 300 cases; women's scores are noisier (a built-in gap), seeded. */
    private Path scores(String name, long seed, double womenNoise) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("id,score_effusion,truth_effusion,sex,site\n");
        for (int i = 0; i < 300; i++) {
            boolean woman = i % 2 == 0;
            int t = r.nextDouble() < 0.4 ? 1 : 0;
            double s = 1 / (1 + Math.exp(-((t == 1 ? 1.5 : -1.5) + r.nextGaussian() * (woman ? womenNoise : 0.7))));
            b.append(String.format(Locale.ROOT, "c%d,%.6f,%d,%s,%s%n", i, s, t, woman ? "F" : "M", i % 3 == 0 ? "\"North, A\"" : "South"));
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, b, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void auditOfCsvScoresPrintsOneJsonDocumentWithTheFlag() throws Exception {
        Path csv = scores("s.csv", 1, 3.0);
        Path html = tmp.resolve("r.html");
        Result r = run("audit", "--scores", csv.toString(), "--by", "sex,site,sex*site", "--boot", "200", "--seed", "5", "--reference", "sex=M",
                "--json", "--html", html.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("kind").asText()).isEqualTo("glassbox-fairness-audit");
        assertThat(doc.at("/settings/seed").asLong()).isEqualTo(5);
        assertThat(doc.at("/settings/bootstrapResamples").asInt()).isEqualTo(200);
        assertThat(doc.at("/settings/threshold/rule").asText()).isEqualTo("youden");
        assertThat(doc.at("/settings/threshold/thresholds/effusion").isNumber()).isTrue();
        assertThat(doc.at("/cohort/cases").asInt()).isEqualTo(300);
        assertThat(doc.at("/labels/0/groupings/2/grouping").asText()).isEqualTo("sex × site");
        JsonNode auc = doc.at("/labels/0/groupings/0/subgroups/F/metrics/auc");
        assertThat(auc.get("value").isNumber()).isTrue();
        assertThat(auc.get("ci")).hasSize(2);
        assertThat(auc.get("n").asInt()).isEqualTo(150);
        assertThat(doc.at("/labels/0/groupings/1/subgroups").has("North, A")).isTrue();
        assertThat(doc.get("flags")).anySatisfy(f -> assertThat(f.get("subgroup").asText()).isEqualTo("F"));
        assertThat(Files.readString(html)).startsWith("<?xml").contains("North, A");
    }

    @Test
    void auditsAndComparisonsAreWrittenToTheWorkspaceAuditLog() throws Exception {
        Path ws = tmp.resolve("ws");
        org.glassbox.core.workspace.Workspace workspace = org.glassbox.core.workspace.Workspace.open(ws);
        org.glassbox.core.catalog.Catalog.open(workspace.catalogFile()).close();
        Path a = scores("a.csv", 1, 3.0);
        Path b = scores("b.csv", 1, 0.8);
        assertThat(run("audit", "--scores", a.toString(), "--by", "sex", "--boot", "50", "--seed", "9", "--workspace", ws.toString()).code()).isZero();
        assertThat(run("compare", "--scores-a", a.toString(), "--scores-b", b.toString(), "--by", "sex", "--boot", "50",
                "--workspace", ws.toString()).code()).isZero();
        List<String> log = Files.readAllLines(ws.resolve("audit.log"));
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).contains("\"action\":\"FAIRNESS_AUDIT\"").contains("\"seed\":9").contains("\"cases\":300")
                .contains("\"by\":\"sex\"").doesNotContain(a.toString());
        assertThat(log.get(1)).contains("\"action\":\"COMPARISON\"");
        assertThat(run("audit-log", "verify", "--workspace", ws.toString()).code()).isZero();
    }

    @Test
    void compareOfTwoCsvFilesShowsThePairedTestsAndFlips() throws Exception {
        Path a = scores("a.csv", 1, 3.0);
        Path b = scores("b.csv", 1, 0.8); // same truth (same seed), B is better for women
        Result r = run("compare", "--scores-a", a.toString(), "--scores-b", b.toString(), "--by", "sex", "--boot", "100", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.at("/cohort/paired").asInt()).isEqualTo(300);
        JsonNode overall = doc.at("/labels/0/overall");
        assertThat(overall.at("/deltaAuc/difference").asDouble()).isPositive();
        assertThat(overall.at("/deltaAuc/p").isNumber()).isTrue();
        assertThat(overall.at("/mcNemar/method").asText()).isNotBlank();
        assertThat(overall.get("kappa").isNumber()).isTrue();
        assertThat(doc.at("/labels/0/flips").size()).isEqualTo(doc.at("/labels/0/flipCount").asInt()).isPositive();
        Result text = run("compare", "--scores-a", a.toString(), "--scores-b", b.toString(), "--by", "sex", "--boot", "50");
        assertThat(text.out()).contains("Paired cases: 300").contains("AUC gap sex=");
    }

    @Test
    void compareTakesTruthFromTheFirstFileWhenTheSecondHasNone() throws Exception {
        Path a = scores("a.csv", 1, 3.0);
        List<String> lines = Files.readAllLines(scores("b.csv", 1, 0.8));
        StringBuilder noTruth = new StringBuilder("id,score_effusion,sex,site\n");
        for (String line : lines.subList(1, lines.size())) {
            // columns: id, score, truth, sex, site (site may be quoted with a comma): drop the third field
            int first = line.indexOf(',');
            int second = line.indexOf(',', first + 1);
            int third = line.indexOf(',', second + 1);
            noTruth.append(line, 0, second).append(line.substring(third)).append('\n');
        }
        Path b = tmp.resolve("b-no-truth.csv");
        Files.writeString(b, noTruth, StandardCharsets.UTF_8);
        Result r = run("compare", "--scores-a", a.toString(), "--scores-b", b.toString(), "--by", "sex", "--boot", "50", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Json.mapper().readTree(r.out()).at("/cohort/paired").asInt()).isEqualTo(300);
    }

    @Test
    void aLabelWithoutPositivesIsOneLineNamingIt() throws Exception {
        Path csv = tmp.resolve("none.csv");
        StringBuilder b = new StringBuilder("id,score_fracture,truth_fracture,sex\n");
        for (int i = 0; i < 40; i++) {
            b.append("c").append(i).append(",0.").append(10 + i).append(",0,").append(i % 2 == 0 ? "F" : "M").append('\n');
        }
        Files.writeString(csv, b, StandardCharsets.UTF_8);
        Result r = run("audit", "--scores", csv.toString(), "--by", "sex", "--boot", "20");
        assertThat(r.code()).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(r.err().strip()).doesNotContain("\n").contains("fracture").contains("--label").doesNotContain("Exception");
    }

    @Test
    void badInputIsOneLineNamingRowAndColumn() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "id,score_x,truth_x,sex\na,0.2,0,F\nb,high,1,M\n");
        Result r = run("audit", "--scores", bad.toString(), "--by", "sex");
        assertThat(r.code()).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(r.err()).isEqualTo("glassbox audit: " + bad + " line 3, column 'score_x': 'high' is not a number" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOrEmptyAttributesAndLabelsAreRefused() throws IOException {
        Path csv = tmp.resolve("s.csv");
        Files.writeString(csv, "id,score_x,truth_x,sex,site\na,0.2,0,F,\nb,0.7,1,M,\n");
        assertThat(run("audit", "--scores", csv.toString(), "--by", "race").err()).contains("unknown attribute 'race'").contains("has: sex, site");
        assertThat(run("audit", "--scores", csv.toString(), "--by", "site").err()).contains("attribute 'site' is unknown for every one of the 2 cases");
        assertThat(run("audit", "--scores", csv.toString(), "--label", "y").err()).contains("unknown label 'y'");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path csv = tmp.resolve("s.csv");
        Files.writeString(csv, "id,score_x,truth_x\na,0.2,0\n");
        assertThat(run("audit", "--scores", csv.toString(), "--threshold", "high").code()).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("audit", "--scores", csv.toString(), "--boot", "-1").code()).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("audit", "--scores", csv.toString(), "--age-bands", "10,5").code()).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("audit").code()).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("audit", "--scores", csv.toString(), "--model", "m").code()).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("compare", "--model", "a").code()).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("compare", "--scores-a", csv.toString()).code()).isEqualTo(GlassBoxCli.EXIT_USAGE);
    }

    @Test
    void aModelWithoutScoresInTheWorkspaceSaysHowToMakeThem() throws IOException {
        Path ws = tmp.resolve("ws");
        // An empty workspace: a catalog without images.
        assertThat(run("import", tmp.resolve("nothing").toString(), "--workspace", ws.toString()).code()).isNotEqualTo(GlassBoxCli.EXIT_USAGE);
        Path v1 = ShippedDemoModelsVerifyTest.sourceFolder("demo-v1");
        Result r = run("audit", "--model", v1.toString(), "--by", "sex", "--workspace", ws.toString());
        assertThat(r.code()).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(r.err()).startsWith("glassbox audit: ").contains(ws.toString());
    }
}
