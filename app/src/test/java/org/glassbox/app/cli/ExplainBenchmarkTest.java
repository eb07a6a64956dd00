package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench explain} on the tiny ONNX CNN of the inference tests (1 × 16 × 16 → 3 logits). */
class ExplainBenchmarkTest {
    static final String POOL = "/pool/MaxPool_output_0";

    @TempDir
    Path ws;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--workspace";
        all[args.length + 1] = ws.toString();
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void reportsForwardAndExplanationTimesPerMethod() throws Exception {
        assertThat(run("bench", "explain", "--model", InferCommandTest.ONNX.toString(), "--input-shape", "1,16,16",
                "--method", "gradcam,hirescam", "--option", "layer=" + POOL, "--batch", "2", "--runs", "1", "--json"))
                .as(err.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.path("batch").asInt()).isEqualTo(2);
        assertThat(doc.path("results")).hasSize(2);
        for (JsonNode r : doc.path("results")) {
            assertThat(r.path("error").isNull()).as(r.toString()).isTrue();
            assertThat(r.path("forwardMs").asDouble()).isPositive();
            assertThat(r.path("explainMs").asDouble()).isPositive();
            // One run pair: the ratio is that pair's explanation ÷ forward.
            assertThat(r.path("ratio").asDouble()).isCloseTo(r.path("explainMs").asDouble() / r.path("forwardMs").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.path("evaluationsPerImage").asDouble()).isEqualTo(1.0);
            assertThat(r.path("perEvaluationRatio").asDouble()).isEqualTo(r.path("ratio").asDouble());
        }
        assertThat(doc.path("results").get(0).path("method").asText()).isEqualTo("gradcam");
    }

    @Test
    void aLayerWithoutSpatialExtentIsReportedAndFailsTheRun() {
        assertThat(run("bench", "explain", "--model", InferCommandTest.ONNX.toString(), "--input-shape", "1,16,16",
                "--method", "gradcam", "--option", "layer=" + "logits", "--runs", "1")).isEqualTo(GlassBoxCli.EXIT_FAILED);
        assertThat(out.toString()).contains("gradcam").contains("not timed");
    }

    @Test
    void anUnknownMethodIsAUsageError() {
        assertThat(run("bench", "explain", "--model", InferCommandTest.ONNX.toString(), "--method", "magic")).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown explanation method 'magic'");
    }
}
