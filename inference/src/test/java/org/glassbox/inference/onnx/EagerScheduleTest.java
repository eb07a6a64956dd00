package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glassbox.core.testing.ExternalTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The eager executor (the forward path) against SameDiff's session (the reference): equal outputs
 * on every runtime node output of the tiny CNN and of a random ResNet-18, and on every in-scope
 * ONNX conformance case; buffers reused between runs never leak into returned arrays.
 */
class EagerScheduleTest {

    private static INDArray random(long seed, long... shape) {
        Random r = new Random(seed);
        float[] v = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** Every runtime layer, compared one request at a time and all together. */
    private static void assertSameAsSameDiff(CompiledGraph g, String input, INDArray x) {
        Map<String, INDArray> feed = Map.of(input, x);
        List<String> all = g.layers();
        Map<String, INDArray> eager = g.run(feed, all);
        Map<String, INDArray> reference = g.run(feed, all, CompiledGraph.Executor.SAMEDIFF, null);
        for (String layer : all) {
            assertThat(EagerCrossCheck.differs(eager.get(layer), reference.get(layer))).as(layer).isNull();
        }
        for (String out : g.outputs()) {
            INDArray alone = g.run(feed, List.of(out)).get(out);
            assertThat(EagerCrossCheck.differs(alone, reference.get(out))).as(out + " alone").isNull();
        }
    }

    @Test
    void tinyCnnEqualsSameDiffOnEveryLayer() throws IOException {
        CompiledGraph g = OnnxEngine.compile(OnnxEngineTest.DIR.resolve("tiny_cnn.onnx"), Map.of("input", new long[] {3, 1, 16, 16}));
        assertThat(g.opCount()).isGreaterThan(5);
        assertSameAsSameDiff(g, "input", random(1, 3, 1, 16, 16));
        g.close();
    }

    @Test
    void reusedBuffersNeverChangeReturnedArrays() throws IOException {
        CompiledGraph g = OnnxEngine.compile(OnnxEngineTest.DIR.resolve("tiny_cnn.onnx"), Map.of("input", new long[] {2, 1, 16, 16}));
        String out = g.outputs().get(0);
        INDArray x1 = random(1, 2, 1, 16, 16);
        INDArray x2 = random(2, 2, 1, 16, 16);
        INDArray first = g.run(Map.of("input", x1), List.of(out)).get(out);
        INDArray firstCopy = first.dup();
        INDArray second = g.run(Map.of("input", x2), List.of(out)).get(out);
        // An inner layer (another plan over the same buffer pool), then the logits again.
        String inner = g.layers().get(1);
        INDArray innerEager = g.run(Map.of("input", x1), List.of(inner)).get(inner);
        INDArray again = g.run(Map.of("input", x1), List.of(out)).get(out);
        assertThat(first).isEqualTo(firstCopy);
        assertThat(second).isNotEqualTo(first);
        assertThat(again).isEqualTo(first);
        INDArray innerRef = g.run(Map.of("input", x1), List.of(inner), CompiledGraph.Executor.SAMEDIFF, null).get(inner);
        assertThat(EagerCrossCheck.differs(innerEager, innerRef)).isNull();
        g.close();
    }

    @Test
    void profileCountsEveryOp() throws IOException {
        CompiledGraph g = OnnxEngine.compile(OnnxEngineTest.DIR.resolve("tiny_cnn.onnx"), Map.of("input", new long[] {1, 1, 16, 16}));
        EagerSchedule.Profile p = new EagerSchedule.Profile();
        g.run(Map.of("input", random(3, 1, 1, 16, 16)), g.outputs(), CompiledGraph.Executor.EAGER, p);
        long calls = p.byKind().values().stream().mapToLong(e -> e[0]).sum();
        assertThat(calls).isEqualTo(g.opCount());
        assertThat(p.byKind()).containsKey("conv2d");
        g.close();
    }

    @Test
    void everyConformanceCaseEqualsSameDiff() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(OnnxConformance.NODE_TESTS), "Debian libonnx-testdata is not installed");
        List<OnnxConformance.CaseResult> results = OnnxConformance.runAll(true);
        assertThat(results.stream().filter(r -> r.status() == OnnxConformance.Status.PASS).count()).isGreaterThan(150);
        assertThat(results).filteredOn(r -> r.status() == OnnxConformance.Status.FAIL).isEmpty();
    }

    @Test
    @Tag("heavy")
    void randomResNet18EqualsSameDiffOnEveryLayer(@TempDir Path tmp) throws Exception {
        Path python = ExternalTools.requirePython("python3-torchvision", "torch", "torchvision", "onnx");
        Path file = tmp.resolve("resnet18.onnx");
        Process p = new ProcessBuilder(python.toString(), "src/test/python/make_bench_resnet18.py", file.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        CompiledGraph g = OnnxEngine.compile(file, Map.of("input", new long[] {2, 3, 64, 64}));
        assertThat(g.layers()).hasSizeGreaterThan(40);
        assertSameAsSameDiff(g, "input", random(4, 2, 3, 64, 64).castTo(DataType.FLOAT));
        g.close();
    }
}
