package org.glassbox.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CPU backend loads from Maven Central's artifacts alone and computes. */
class Nd4jBackendSmokeTest {
    @Test
    void cpuBackendMultipliesMatrices() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new float[][] {{5, 6}, {7, 8}});
        INDArray c = a.mmul(b);
        assertThat(c.toFloatMatrix()).isEqualTo(new float[][] {{19, 22}, {43, 50}});
        assertThat(Nd4j.getBackend().getClass().getSimpleName()).isEqualTo("CpuBackend");
    }
}
