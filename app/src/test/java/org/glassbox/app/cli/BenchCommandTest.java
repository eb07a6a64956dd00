package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The benchmark's plumbing (not its speed: figures go in the closing note, not in assertions). */
class BenchCommandTest {
    @Test
    void importBenchmarkImportsEveryFileItGeneratesAndReportsConsistentFigures() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), "bench", "import", "--files", "12", "--dx-files", "2", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode results = Json.mapper().readTree(out.toString());
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("name").asText()).isEqualTo("512x512");
        assertThat(results.get(0).get("imported").asInt()).isEqualTo(12);
        assertThat(results.get(1).get("name").asText()).isEqualTo("dx-generated");
        assertThat(results.get(1).get("imported").asInt()).isEqualTo(2);
        for (JsonNode r : results) {
            double seconds = r.get("seconds").asDouble();
            assertThat(seconds).isPositive();
            assertThat(r.get("filesPerSecond").asDouble()).isCloseTo(r.get("files").asInt() / seconds, org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        // Generated full-size DX files are megabytes each, not a few hundred kilobytes.
        assertThat(results.get(1).get("megabytes").asDouble() / 2).isGreaterThan(5);
    }

    @Test
    void renderBenchmarkTimesBothViewsWithOrderedStatistics() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), "bench", "render", "--iterations", "10", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode results = Json.mapper().readTree(out.toString());
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("viewWidth").asInt() * results.get(0).get("viewHeight").asInt()).isEqualTo(2500 * 3000);
        for (JsonNode r : results) {
            assertThat(r.get("iterations").asInt()).isEqualTo(10);
            assertThat(r.get("medianMs").asDouble()).isPositive().isLessThanOrEqualTo(r.get("p95Ms").asDouble());
            assertThat(r.get("p95Ms").asDouble()).isLessThanOrEqualTo(r.get("maxMs").asDouble());
        }
    }

    @Test
    void unknownBenchmarkIsAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(GlassBoxCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench", "nope")).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown benchmark 'nope'");
    }
}
