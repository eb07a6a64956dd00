package org.glassbox.app.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.app.cli.GlassBoxCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 7 §4, in this JVM: generate, import (de-identifying), model verification and registration,
 * and batch inference with both engines (ONNX on ND4J, and the DL4J demo model) run under the
 * {@link NetworkGuard}, which must record no attempt. Explanations and audits join the list as
 * their subcommands land (run when the CLI has them). The child-process counterpart, which also sees
 * DNS and native code, is {@link LocalOnlyProcessTest}.
 */
class LocalOnlyTest {
    @TempDir
    Path dir;

    @Test
    void theWholeWorkflowMakesNoNetworkAttempt() throws Exception {
        NetworkGuard guard = NetworkGuard.installed();
        List<String> ran = new ArrayList<>();
        List<NetworkGuard.Attempt> attempts = guard.attemptsDuring(() -> {
            Path ws = dir.resolve("ws");
            Path dicom = TrustFixtures.cohort(dir.resolve("cohort"), 6, 64, 11);
            Path tiny = TrustFixtures.tinyPackage(dir.resolve("tiny"));
            for (String[] args : workflow(ws, dicom, tiny)) {
                TrustFixtures.Run r = TrustFixtures.cli(args);
                assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
                ran.add(args[0]);
            }
        });
        assertThat(ran).contains("import", "infer");
        assertThat(attempts).as("network attempts").isEmpty();
    }

    /** The commands, in order; explain and audit are added when the CLI has them (issues 4 and 5). */
    static List<String[]> workflow(Path ws, Path dicom, Path tiny) {
        String w = ws.toString();
        String demo = TrustFixtures.DEMO_V1.toString();
        List<String[]> steps = new ArrayList<>(List.of(
                new String[] {"import", dicom.toString(), "--policy", "deidentify", "--workspace", w, "--json"},
                new String[] {"models", "verify", demo},
                new String[] {"models", "add", demo, "--workspace", w},
                new String[] {"infer", "--model", demo, "workspace", "--workspace", w, "--json"},
                new String[] {"infer", "--model", tiny.toString(), "workspace", "--workspace", w, "--json"}));
        var commands = new CommandLine(new GlassBoxCli()).getSubcommands();
        if (commands.containsKey("explain")) {
            steps.add(new String[] {"explain", "--model", demo, "--method", "gradcam", dicom.toString(), "--out",
                    ws.resolveSibling("maps").toString(), "--workspace", w});
        }
        if (commands.containsKey("audit")) {
            steps.add(new String[] {"audit", "--model", demo, "--by", "sex,age_band,site", "--workspace", w, "--json"});
        }
        return steps;
    }
}
