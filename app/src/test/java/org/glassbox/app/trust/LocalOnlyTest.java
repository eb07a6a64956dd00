package org.glassbox.app.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.app.cli.GlassBoxCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(ran).contains("import", "infer", "explain", "audit", "compare");
        assertThat(attempts).as("network attempts").isEmpty();
    }

    /**
     * The commands, in order: import with truth (de-identifying), model verification and
     * registration, inference with both engines and both demo versions, an explanation with its
     * faithfulness and DICOM export, a fairness audit, a model comparison, and the audit-log check.
     */
    static List<String[]> workflow(Path ws, Path dicom, Path tiny) throws java.io.IOException {
        String w = ws.toString();
        String demo = TrustFixtures.DEMO_V1.toString();
        String demo2 = TrustFixtures.DEMO_V2.toString();
        Path oneImage;
        try (var files = java.nio.file.Files.list(dicom)) {
            oneImage = files.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
        Path maps = ws.resolveSibling("maps");
        java.nio.file.Files.createDirectories(maps);
        return List.of(
                new String[] {"import", dicom.toString(), "--policy", "deidentify", "--truth", dicom.resolveSibling("truth.csv").toString(),
                    "--workspace", w, "--json"},
                new String[] {"models", "verify", demo},
                new String[] {"models", "add", demo, "--workspace", w},
                new String[] {"infer", "--model", demo, "workspace", "--workspace", w, "--json"},
                new String[] {"infer", "--model", demo2, "workspace", "--workspace", w, "--json"},
                new String[] {"infer", "--model", tiny.toString(), "workspace", "--workspace", w, "--json"},
                new String[] {"explain", "--model", demo, "--method", "gradcam", oneImage.toString(), "--out",
                    maps.resolve("map.npy").toString(), "--dicom-out", maps.resolve("map.dcm").toString(), "--curve-steps", "4",
                    "--workspace", w, "--json"},
                new String[] {"audit", "--model", demo, "--by", "sex,age_band,site", "--threshold", "0.5", "--boot", "50",
                    "--workspace", w, "--json"},
                new String[] {"compare", "--model", demo, "--model", demo2, "--by", "sex", "--threshold", "0.5", "--boot", "50",
                    "--workspace", w, "--json"},
                new String[] {"audit-log", "verify", "--workspace", w});
    }
}
