package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MatMul of a stack [b, m, k] by one matrix [k, n] — ViT's attention input projection
 * ([tokens, batch, 768] × [768, 2304]) — which the engine computes as one [b·m, k] × [k, n] product;
 * it once declared that product [b, m, n] and so skipped the reshape back. And the eager executor's
 * check that catches such a disagreement between a converter's shape and ND4J's.
 */
class MatMulBatchTest {

    @Test
    void stackTimesMatrixEqualsLoops(@TempDir Path dir) throws IOException {
        int b = 3;
        int m = 2;
        int k = 4;
        int n = 5;
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7) - 3.5f;
        }
        Path file = new TinyOnnxGraph("x", b, m, k)
                .floatConstant("w", w, k, n)
                .node("MatMul", new String[] {"x", "w"}, "y")
                .output("y")
                .write(dir.resolve("matmul.onnx"));
        float[] x = new float[b * m * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        CompiledGraph g = OnnxEngine.compile(file, Map.of("x", new long[] {b, m, k}));
        for (CompiledGraph.Executor executor : CompiledGraph.Executor.values()) {
            INDArray y = g.run(Map.of("x", Nd4j.create(x, new long[] {b, m, k}, 'c')), List.of("y"), executor, null).get("y");
            assertThat(y.shape()).as(executor.name()).containsExactly(b, m, n);
            for (int s = 0; s < b; s++) {
                for (int r = 0; r < m; r++) {
                    for (int col = 0; col < n; col++) {
                        double expected = 0;
                        for (int j = 0; j < k; j++) {
                            expected += x[(s * m + r) * k + j] * w[j * n + col];
                        }
                        assertThat(y.getDouble(s, r, col)).as("%s y[%d,%d,%d]", executor, s, r, col)
                                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
        g.close();
    }

    @Test
    void eagerPlanRefusesAShapeTheConverterDidNotDeclare() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2, 3);
        SDVariable y = sd.reshape("y", x, 3, 2);
        EagerSchedule eager = new EagerSchedule(sd, "test.onnx", Map.of(y.name(), new long[] {2, 3}));
        assertThatThrownBy(() -> eager.run(Map.of("x", Nd4j.rand(DataType.FLOAT, 2, 3)), List.of("y"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.onnx").hasMessageContaining("[3, 2]").hasMessageContaining("expects [2, 3]");
        eager.close();
    }
}
