package org.glassbox.explain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.Tensor;
import org.junit.jupiter.api.Test;

/** The test fixture's analytic gradients must match finite differences, or every test built on it is moot. */
class TinyConvNetTest {

    @Test
    void inputGradientMatchesCentralDifferences() {
        TinyConvNet net = new TinyConvNet(2, 9, 7, 4, 3, 2, 11);
        float[] x = randomImage(2 * 9 * 7, 5);
        Tensor batch = new Tensor(new int[] {1, 2, 9, 7}, x.clone());
        LayerGradient g = net.gradient(batch, "relu", 1);
        double eps = 1e-3;
        for (int p = 0; p < x.length; p += 5) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[p] += (float) eps;
            minus[p] -= (float) eps;
            double fPlus = net.logits(new Tensor(new int[] {1, 2, 9, 7}, plus)).get(1);
            double fMinus = net.logits(new Tensor(new int[] {1, 2, 9, 7}, minus)).get(1);
            assertThat((double) g.inputGradient().get(p)).isCloseTo((fPlus - fMinus) / (2 * eps), within(2e-3));
        }
    }

    @Test
    void layerGradientOfReluIsFcWeightOverArea() {
        TinyConvNet net = new TinyConvNet(1, 8, 8, 3, 2, 2, 3);
        LayerGradient g = net.gradient(new Tensor(new int[] {1, 1, 8, 8}, randomImage(64, 1)), "relu", 0);
        assertThat(g.gradient().shape()).containsExactly(1, 3, 4, 4);
        assertThat(g.gradient().get(2 * 16 + 5)).isEqualTo(net.fcWeight(0, 2) / 16f);
    }

    @Test
    void randomisingTheTopLayerChangesLogitsButNotConvActivations() {
        TinyConvNet net = new TinyConvNet(1, 8, 8, 3, 2, 1, 3);
        TinyConvNet top = net.withRandomizedTopLayers(1, 99);
        Tensor batch = new Tensor(new int[] {1, 1, 8, 8}, randomImage(64, 2));
        assertThat(top.activations(batch, "conv").data()).containsExactly(net.activations(batch, "conv").data());
        assertThat(top.logits(batch).data()).isNotEqualTo(net.logits(batch).data());
        assertThat(top.descriptor().sha256()).isNotEqualTo(net.descriptor().sha256());
    }

    private static float[] randomImage(int size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
