package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Regression for the native heap corruption after Shape → Gather (ADR 0006, bug 2): ND4J's
 * {@code INDArray.shape()} is the array's own Java shape, and a converter that edited the shape it
 * got from a load-time value changed that array's Java shape but not its native one.
 */
class FoldedShapeTest {

    @Test
    void foldedShapeIsACopy() {
        INDArray a = Nd4j.createFromArray(new long[] {2, 3, 224, 224});
        long[] s = new Value.Folded(a).shape();
        s[0] = 1;
        assertThat(a.shape()).containsExactly(4);
        assertThat(a.length()).isEqualTo(4);
    }

    /**
     * In its own JVM, because before the fix glibc aborted it ("corrupted size vs. prev_size" /
     * "free(): invalid pointer", exit 134) — in this JVM that would end the whole test run.
     */
    @Test
    void shapeThenGatherNeitherCorruptsTheHeapNorTheShapeTensor(@TempDir Path dir) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension");
        if (extension != null) {
            cmd.add("-Dorg.bytedeco.javacpp.platform.extension=" + extension);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ScalarGatherProbe.class.getName());
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("child JVM finished").isTrue();
        assertThat(p.exitValue()).as("child JVM exit code; output:%n%s", text).isZero();
        assertThat(text).contains("s shape [4] values [2, 3, 224, 224]", "n shape [] values [2]", "c shape [1] values [3]",
                "ss shape [8] values [2, 3, 224, 224, 2, 3, 224, 224]", "survived");
    }
}
