package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glassbox.inference.onnx.proto.OnnxProto.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Equal and Where: on runtime float tensors (ND4J ops, eager and SameDiff), and folded at load time
 * on int64 shapes as in ViT-B/16's class-token {@code expand(n, -1, -1)}. Expected values are
 * worked out by hand. (libonnx-testdata's test_where_* run in OnnxConformanceTest; its test_equal*
 * use int32 inputs, outside the engine's scope.)
 */
class SelectionOpsTest {

    @Test
    void equalAndWhereOnRuntimeTensorsBroadcast(@TempDir Path dir) throws IOException {
        Path file = new TinyOnnxGraph("x", 2, 3)
                .floatConstant("c", new float[] {4, 2, 3}, 3)
                .floatConstant("minus1", new float[] {-1})
                .node("Equal", new String[] {"x", "c"}, "eq")
                .node("Where", new String[] {"eq", "x", "minus1"}, "w")
                .node("Where", new String[] {"eq", "minus1", "x"}, "v")
                .output("eq").output("w").output("v")
                .write(dir.resolve("select.onnx"));
        CompiledGraph g = OnnxEngine.compile(file, Map.of("x", new long[] {2, 3}));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 2, 6}});
        for (CompiledGraph.Executor executor : CompiledGraph.Executor.values()) {
            Map<String, INDArray> out = g.run(Map.of("x", x), List.of("eq", "w", "v"), executor, null);
            assertThat(out.get("eq").dataType()).as(executor.name()).isEqualTo(DataType.BOOL);
            assertThat(out.get("eq").castTo(DataType.INT).reshape(6).toIntVector()).as(executor.name()).containsExactly(0, 1, 1, 1, 1, 0);
            assertThat(out.get("w").shape()).containsExactly(2, 3);
            assertThat(out.get("w").reshape(6).toFloatVector()).as(executor.name()).containsExactly(-1, 2, 3, 4, 2, -1);
            assertThat(out.get("v").reshape(6).toFloatVector()).as(executor.name()).containsExactly(1, -1, -1, -1, -1, 6);
        }
        assertThat(g.layers()).contains("w", "v").doesNotContain("eq");
        g.close();
    }

    /** PyTorch's export of {@code cls.expand(n, -1, -1)}: every step on int64 values known at load time. */
    @Test
    void classTokenExpandChainFoldsAtLoadTime(@TempDir Path dir) throws IOException {
        TensorProto one = TensorProto.newBuilder().setDataType(7).addDims(1).addInt64Data(1).build();
        Path file = new TinyOnnxGraph("x", 2, 3, 4, 4)
                .floatConstant("cls", new float[] {0.5f, -1.5f, 2.5f}, 1, 1, 3)
                .node("Shape", new String[] {"x"}, "s")
                .longConstant("zero", new long[] {0})
                .node("Gather", new String[] {"s", "zero"}, "n", TinyOnnxGraph.intAttr("axis", 0))
                .longConstant("axes0", new long[] {0}, 1)
                .node("Unsqueeze", new String[] {"n", "axes0"}, "n1")
                .longConstant("minus1", new long[] {-1}, 1)
                .node("Concat", new String[] {"n1", "minus1", "minus1"}, "target", TinyOnnxGraph.intAttr("axis", 0))
                .longConstant("three", new long[] {3}, 1)
                .node("ConstantOfShape", new String[] {"three"}, "ones", TinyOnnxGraph.tensorAttr("value", one))
                .longConstant("minusOne", new long[] {-1})
                .node("Mul", new String[] {"ones", "minusOne"}, "negOnes")
                .node("Equal", new String[] {"target", "negOnes"}, "isKeep")
                .node("Where", new String[] {"isKeep", "ones", "target"}, "expandShape")
                .node("Expand", new String[] {"cls", "expandShape"}, "tokens")
                .output("isKeep").output("expandShape").output("tokens")
                .write(dir.resolve("cls.onnx"));
        CompiledGraph g = OnnxEngine.compile(file, Map.of("x", new long[] {2, 3, 4, 4}));
        assertThat(g.opCount()).as("nothing left to run").isZero();
        Map<String, INDArray> out = g.run(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4)), List.of("isKeep", "expandShape", "tokens"));
        assertThat(out.get("isKeep").castTo(DataType.INT).toIntVector()).containsExactly(0, 1, 1);
        assertThat(out.get("expandShape").dataType()).isEqualTo(DataType.LONG);
        assertThat(out.get("expandShape").toLongVector()).containsExactly(2, 1, 1);
        assertThat(out.get("tokens").shape()).containsExactly(2, 1, 3);
        assertThat(out.get("tokens").reshape(6).toFloatVector()).containsExactly(0.5f, -1.5f, 2.5f, 0.5f, -1.5f, 2.5f);
        g.close();
    }

    @Test
    void badOperandsAreRefusedWithTheNodeName(@TempDir Path dir) throws IOException {
        Path mixed = new TinyOnnxGraph("x", 2)
                .longConstant("k", new long[] {1, 2}, 2)
                .node("Equal", new String[] {"x", "k"}, "eq").output("eq")
                .write(dir.resolve("mixed.onnx"));
        assertThatThrownBy(() -> OnnxEngine.compile(mixed, Map.of("x", new long[] {2})))
                .isInstanceOf(IOException.class).hasMessageContaining("Equal node '/eq'").hasMessageContaining("types differ");
        Path notBool = new TinyOnnxGraph("x", 2)
                .node("Where", new String[] {"x", "x", "x"}, "w").output("w")
                .write(dir.resolve("notbool.onnx"));
        assertThatThrownBy(() -> OnnxEngine.compile(notBool, Map.of("x", new long[] {2})))
                .isInstanceOf(IOException.class).hasMessageContaining("Where node '/w'").hasMessageContaining("condition must be bool");
        Path noBroadcast = new TinyOnnxGraph("x", 2, 3)
                .floatConstant("c", new float[] {1, 2}, 2)
                .node("Equal", new String[] {"x", "c"}, "eq").output("eq")
                .write(dir.resolve("nobroadcast.onnx"));
        assertThatThrownBy(() -> OnnxEngine.compile(noBroadcast, Map.of("x", new long[] {2, 3})))
                .isInstanceOf(IOException.class).hasMessageContaining("do not broadcast");
    }
}
