package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    /**
     * A child that never prints and never exits (e.g. its worklist never fills) is killed at the
     * timeout and reported; reading its stdout to EOF first would hang here (JUnit's @Timeout
     * turns that hang into a failure).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSilentChildThatNeverExitsIsKilledAtTheTimeout() {
        assertThatThrownBy(() -> StartupBenchmark.runChild(List.of("sleep", "600"), Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish within 2 s");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aChildExitingWithoutAResultLineIsReportedWithItsExitCode() {
        assertThatThrownBy(() -> StartupBenchmark.runChild(List.of("sh", "-c", "echo no start here; exit 3"), Duration.ofSeconds(30)))
                .isInstanceOf(IOException.class).hasMessageContaining("exited with 3 without reporting a start");
    }

    @Test
    void percentileIsNearestRank() {
        long[] v = {50, 10, 40, 20, 30};
        assertThat(StartupBenchmark.percentile(v, 50)).isEqualTo(30);
        assertThat(StartupBenchmark.percentile(v, 95)).isEqualTo(50);
        assertThat(StartupBenchmark.percentile(new long[] {7}, 95)).isEqualTo(7);
    }
}
