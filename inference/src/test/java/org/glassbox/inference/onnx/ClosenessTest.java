package org.glassbox.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClosenessTest {
    @Test
    void relativeErrorUsesTheLargerOfValueAndTenthOfScale() {
        // scale 10 → floor 1; element 0: |10.001-10|/10 = 1e-4; element 1: |0.5002-0.5|/1 = 2e-4
        Closeness c = Closeness.of(new float[] {10.001f, 0.5002f}, new float[] {10f, 0.5f});
        assertThat(c.scale()).isEqualTo(10.0);
        assertThat(c.maxRel()).isCloseTo(2e-4, within(1e-7));
        assertThat(c.maxAbs()).isCloseTo(1e-3, within(1e-6));
        assertThat(c.worstAt()).isEqualTo(1);
        assertThat(c.within(1e-4)).isFalse();
        assertThat(c.within(3e-4)).isTrue();
    }

    @Test
    void nanFails() {
        Closeness c = Closeness.of(new float[] {Float.NaN, 1f}, new float[] {1f, 1f});
        assertThat(c.within(1e9)).isFalse();
        assertThat(c.worstAt()).isZero();
    }

    @Test
    void identicalIsZero() {
        assertThat(Closeness.of(new float[] {0f, -3f}, new float[] {0f, -3f}).maxRel()).isZero();
    }
}
