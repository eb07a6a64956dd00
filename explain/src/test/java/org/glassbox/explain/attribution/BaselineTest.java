package org.glassbox.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.glassbox.core.ai.Tensor;
import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void blurKeepsAConstantImageAndSmoothsAnImpulseIntoAGaussian() {
        float[] constant = new float[2 * 20 * 20];
        java.util.Arrays.fill(constant, 0.7f);
        float[] blurred = Baseline.blur(3).valuesFor(new Tensor(new int[] {2, 20, 20}, constant));
        for (float v : blurred) {
            assertThat(v).isCloseTo(0.7f, within(1e-5f));
        }
        float[] impulse = new float[41 * 41];
        impulse[20 * 41 + 20] = 1;
        float[] g = Baseline.blur(2).valuesFor(new Tensor(new int[] {1, 41, 41}, impulse));
        double sum = 0;
        for (float v : g) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-4));
        // separable Gaussian: g(0, 2) / g(0, 0) = exp(−2²/(2σ²)) = exp(−0.5)
        assertThat((double) g[20 * 41 + 22] / g[20 * 41 + 20]).isCloseTo(Math.exp(-0.5), within(1e-3));
    }

    @Test
    void meanWithoutAnImageIsEachChannelsMeanAndBlackIsZero() {
        Tensor image = new Tensor(new int[] {2, 1, 2}, new float[] {1, 3, 10, 20});
        assertThat(new Baseline(Baseline.Kind.MEAN, 1, null, null).valuesFor(image)).containsExactly(2, 2, 15, 15);
        assertThat(Baseline.black().valuesFor(image)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void aSingleChannelImageServesEveryChannelAndAWrongSizeIsRefused() {
        Baseline gray = Baseline.image(new Tensor(new int[] {1, 2}, new float[] {5, 6}), "gray.npy");
        assertThat(gray.valuesFor(new Tensor(new int[] {3, 1, 2}, new float[6]))).containsExactly(5, 6, 5, 6, 5, 6);
        assertThatThrownBy(() -> gray.valuesFor(new Tensor(new int[] {1, 2, 2}, new float[4])))
                .hasMessageContaining("gray.npy").hasMessageContaining("1×2×2");
        assertThatThrownBy(() -> Baseline.blur(0)).hasMessageContaining("sigma");
    }
}
