package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code bench startup} opens the workstation in a child JVM; ND4J must not be loaded when the window shows. */
class StartupBenchmarkTest {
    @Test
    void aChildWorkstationStartsWithoutLoadingNd4jAndReportsItsTimes() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), "bench", "startup", "--runs", "1", "--studies", "4", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.path("nd4jLoadedAtShow").asBoolean(true)).isFalse();
        JsonNode run = doc.path("runs").get(0);
        assertThat(run.path("rows").asInt()).isEqualTo(4);
        assertThat(run.path("startupMs").asLong()).isGreaterThanOrEqualTo(run.path("shownMs").asLong()).isPositive();
    }

    @Test
    void percentileIsNearestRank() {
        long[] v = {50, 10, 40, 20, 30};
        assertThat(StartupBenchmark.percentile(v, 50)).isEqualTo(30);
        assertThat(StartupBenchmark.percentile(v, 95)).isEqualTo(50);
        assertThat(StartupBenchmark.percentile(new long[] {7}, 95)).isEqualTo(7);
    }
}
