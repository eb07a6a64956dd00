package org.glassbox.inference.dl4j;

import java.util.Arrays;
import org.glassbox.core.ai.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between core's {@link Tensor} (float32, row-major) and ND4J arrays. */
final class Nd4jTensors {
    private Nd4jTensors() {
    }

    static INDArray toNd4j(Tensor t) {
        long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
        return Nd4j.create(t.data(), shape, 'c');
    }

    static Tensor toTensor(INDArray a) {
        int[] shape = Arrays.stream(a.shape()).mapToInt(Math::toIntExact).toArray();
        INDArray c = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        float[] data = Nd4j.toFlattened('c', c).toFloatVector();
        return new Tensor(shape, data);
    }
}
