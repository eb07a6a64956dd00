package org.glassbox.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GlassBoxCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GlassBoxCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void unknownSubcommandIsAUsageErrorWithOneClearLine() {
        assertThat(run("no-such-command")).isEqualTo(GlassBoxCli.EXIT_USAGE);
        assertThat(err.toString()).startsWith("glassbox: Unmatched argument").contains("Try 'glassbox --help'");
        assertThat(out.toString()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"generate", "import", "decode", "bench", "train", "workstation"})
    void everySubcommandExplainsItselfWithHelp(String subcommand) {
        assertThat(run(subcommand, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: glassbox " + subcommand);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: glassbox").contains("workstation")
                .contains("generate").contains("import").contains("decode").contains("bench");
    }
}
