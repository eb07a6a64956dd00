package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every in-scope ONNX backend node test case of the op set passes (libonnx-testdata). */
class OnnxConformanceTest {

    @Test
    void everyInScopeCasePasses() throws Exception {
        assumeTrue(Files.isDirectory(OnnxConformance.NODE_TESTS), "Debian libonnx-testdata is not installed");
        List<OnnxConformance.CaseResult> results = OnnxConformance.runAll();
        Path report = Path.of("target", "onnx-conformance.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, OnnxConformance.report(results));
        assertThat(results).hasSizeGreaterThan(200);
        assertThat(results.stream().filter(r -> r.status() == OnnxConformance.Status.PASS).count()).isGreaterThan(150);
        assertThat(results).filteredOn(r -> r.status() == OnnxConformance.Status.FAIL)
                .as("failed conformance cases (see inference/target/onnx-conformance.md)")
                .isEmpty();
    }
}
