package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code glassbox train} (the training itself is tested in inference's DemoModelBuilderTest). */
class TrainCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        return GlassBoxCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }

    @Test
    void refusesAnUnknownVariant() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--out", dir.resolve("p").toString(), "--variant", "v3")).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--variant must be v1 or v2");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    @Test
    void refusesASizeOutOfRangeAndAMissingOut() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "train", "--out", dir.resolve("p").toString(), "--variant", "v2", "--size", "16")).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(err.toString()).contains("size must be 32..512");
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "train", "--variant", "v2")).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(err2.toString()).contains("--out");
    }
}
