package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogCommandTest {
    @TempDir
    Path tmp;
    private StringWriter out;
    private StringWriter err;
    private Path ws;

    @BeforeEach
    void setUp() throws Exception {
        ws = tmp.resolve("ws");
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        for (int i = 0; i < 3; i++) {
            SyntheticImages.write(SyntheticImages.deidentified("2.25.90" + i, "2.25.80", "2.25.70"), 32, 32, in.resolve(i + ".dcm"));
        }
        assertThat(run("import", in.toString(), "--workspace", ws.toString())).as(err.toString()).isZero();
        assertThat(run("import", in.toString(), "--workspace", ws.toString())).as(err.toString()).isZero(); // duplicates, audited too
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void importsAreAuditedAndTheLogVerifies() throws Exception {
        assertThat(run("audit-log", "verify", "--workspace", ws.toString(), "--json")).as(err.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.get("intact").asBoolean()).isTrue();
        assertThat(doc.get("entries").asLong()).isEqualTo(2);
        assertThat(doc.get("firstBad").isNull()).isTrue();
        List<String> lines = Files.readAllLines(ws.resolve("audit.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"action\":\"IMPORT\"").contains("\"sop:2.25.900\"").contains("\"imported\":3");
        assertThat(lines.get(1)).contains("\"duplicate\":3").doesNotContain("sop:");
        // No paths in the audit trail: folder and file names can identify patients.
        assertThat(String.join("\n", lines)).doesNotContain(tmp.toString());

        assertThat(run("audit-log", "head", "--workspace", ws.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("2 " + doc.get("head").asText());
    }

    @Test
    void tamperingExitsOneNamingTheFirstBadEntry() throws Exception {
        Path log = ws.resolve("audit.log");
        List<String> lines = Files.readAllLines(log);
        lines.set(0, lines.get(0).replace("\"imported\":3", "\"imported\":2"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        assertThat(run("audit-log", "verify", "--workspace", ws.toString())).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(err.toString()).contains("TAMPERED").contains("first bad entry 1").contains("audit.log");
        assertThat(err.toString().lines().count()).isEqualTo(1);
        assertThat(run("audit-log", "verify", "--workspace", ws.toString(), "--json")).isEqualTo(GlassBoxCli.EXIT_FAILED);
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.get("firstBad").get("seq").asLong()).isEqualTo(1);
        assertThat(doc.get("firstBad").get("kind").asText()).isEqualTo("edited");
    }

    @Test
    void expectHeadAndUsageErrors() throws Exception {
        assertThat(run("audit-log", "head", "--workspace", ws.toString())).isZero();
        String head = out.toString().strip().split(" ")[1];
        assertThat(run("audit-log", "verify", "--workspace", ws.toString(), "--expect-head", head)).isZero();
        assertThat(out.toString()).contains("expected head found at entry 2");
        assertThat(run("audit-log", "verify", "--workspace", ws.toString(), "--expect-head", "ab".repeat(32))).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(err.toString()).contains("no entry has the expected hash");
        assertThat(run("audit-log", "verify", "--workspace", ws.toString(), "--expect-head", "xyz")).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("audit-log", "export", "--workspace", ws.toString(), "--format", "xml", "--out", tmp.resolve("a.xml").toString()))
                .isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(run("audit-log", "--workspace", ws.toString())).isEqualTo(GlassBoxCli.EXIT_USAGE);
    }

    @Test
    void exportsCsvAndJsonAndAuditsTheExport() throws Exception {
        Path csv = tmp.resolve("audit.csv");
        assertThat(run("audit-log", "export", "--workspace", ws.toString(), "--format", "csv", "--out", csv.toString())).as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("seq,time,user,action,objects,parameters,prev_hash,entry_hash");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("1,\"").contains("\"IMPORT\"").contains("\"\"policy\"\":\"\"reject\"\"");
        Path json = tmp.resolve("audit.json");
        assertThat(run("audit-log", "export", "--workspace", ws.toString(), "--format", "json", "--out", json.toString())).isZero();
        JsonNode arr = Json.mapper().readTree(json.toFile());
        assertThat(arr.size()).isEqualTo(3); // 2 imports + the csv export
        assertThat(arr.get(2).get("action").asText()).isEqualTo("EXPORT");
        assertThat(arr.get(2).get("prev").asText()).isEqualTo(arr.get(1).get("hash").asText());
        assertThat(run("audit-log", "verify", "--workspace", ws.toString())).isZero();
        assertThat(out.toString()).startsWith("intact: 4 entries");
    }
}
