package org.glassbox.inference.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Child-JVM half of {@link FoldedShapeTest}: compiles the ONNX graphs that corrupted the native
 * heap (Shape → Gather with a rank-0 and a 1-D index, then a node that fails the load, as in
 * ViT-B/16 before its fix), several times with garbage collections in between — the frees are
 * where glibc detects the damage and aborts the JVM. Prints the shape and values of the Shape,
 * Gather and Concat outputs, then {@code survived}, and exits 0 unless the JVM dies.
 */
public final class ScalarGatherProbe {
    private ScalarGatherProbe() {
    }

    /** Shape → Gather(rank-0 index 0) → an unknown op: the load fails after folding the Gather. */
    static TinyOnnxGraph failingGraph() {
        return new TinyOnnxGraph("x", 2, 3, 224, 224)
                .node("Shape", new String[] {"x"}, "s")
                .longConstant("zero", new long[] {0})
                .node("Gather", new String[] {"s", "zero"}, "n", TinyOnnxGraph.intAttr("axis", 0))
                .node("NoSuchOp", new String[] {"n"}, "y")
                .output("y");
    }

    /** Shape, Gathers of it with a rank-0 and a 1-D index, and a later use of the whole shape. */
    static TinyOnnxGraph graph() {
        return new TinyOnnxGraph("x", 2, 3, 224, 224)
                .node("Shape", new String[] {"x"}, "s")
                .longConstant("zero", new long[] {0})
                .longConstant("one", new long[] {1}, 1)
                .node("Gather", new String[] {"s", "zero"}, "n", TinyOnnxGraph.intAttr("axis", 0))
                .node("Gather", new String[] {"s", "one"}, "c", TinyOnnxGraph.intAttr("axis", 0))
                .node("Concat", new String[] {"s", "s"}, "ss", TinyOnnxGraph.intAttr("axis", 0))
                .output("n").output("c").output("ss");
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("scalar-gather");
        Path ok = graph().write(dir.resolve("ok.onnx"));
        Path failing = failingGraph().write(dir.resolve("failing.onnx"));
        Map<String, long[]> shapes = Map.of("x", new long[] {2, 3, 224, 224});
        for (int i = 0; i < 6; i++) {
            try {
                OnnxEngine.compile(failing, shapes);
                System.out.println("failing graph loaded");
                System.exit(3);
            } catch (IOException expected) {
                // the load must fail; what matters is that the JVM survives the garbage it left
            }
            System.gc();
            Thread.sleep(100);
        }
        CompiledGraph first = OnnxEngine.compile(ok, shapes);
        Map<String, INDArray> out = first.run(Map.of("x", Nd4j.rand(2, 3, 224, 224)), List.of("s", "n", "c", "ss"));
        for (Map.Entry<String, INDArray> e : out.entrySet()) {
            INDArray a = e.getValue();
            System.out.println(e.getKey() + " shape " + Arrays.toString(a.shape()) + " values "
                    + Arrays.toString(a.length() == 0 ? new long[0] : a.reshape(a.length()).toLongVector()));
        }
        first.close();
        Files.delete(ok);
        Files.delete(failing);
        Files.delete(dir);
        System.out.println("survived");
    }
}
