package org.glassbox.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParameterDrawsTest {

    private static double[] meanSd(float[] v) {
        double m = 0;
        for (float f : v) {
            m += f;
        }
        m /= v.length;
        double s = 0;
        for (float f : v) {
            s += (f - m) * (f - m);
        }
        return new double[] {m, Math.sqrt(s / (v.length - 1))};
    }

    @Test
    void drawsKeepTheTensorsMeanAndScaleButNotItsValues() {
        Random r = new Random(1);
        float[] w = new float[20_000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.3 + 0.05 * r.nextGaussian());
        }
        float[] d = ParameterDraws.redraw(w, new SplittableRandom(7));
        double[] before = meanSd(w);
        double[] after = meanSd(d);
        assertThat(after[0]).isCloseTo(before[0], within(0.002));
        assertThat(after[1]).isCloseTo(before[1], within(0.002));
        double corr = 0;
        for (int i = 0; i < w.length; i++) {
            corr += (w[i] - before[0]) * (d[i] - after[0]);
        }
        corr /= (w.length - 1) * before[1] * after[1];
        assertThat(Math.abs(corr)).as("correlation with the original").isLessThan(0.03);
    }

    @Test
    void deterministicForASeedAndConstantTensorsStay() {
        float[] w = {1, 2, 3, 4, 5};
        assertThat(ParameterDraws.redraw(w, new SplittableRandom(3))).containsExactly(ParameterDraws.redraw(w, new SplittableRandom(3)));
        assertThat(ParameterDraws.redraw(w, new SplittableRandom(3))).isNotEqualTo(ParameterDraws.redraw(w, new SplittableRandom(4)));
        assertThat(ParameterDraws.redraw(new float[] {0, 0, 0}, new SplittableRandom(3))).containsExactly(0, 0, 0);
    }
}
