package org.glassbox.explain.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explanation;
import org.junit.jupiter.api.Test;

/**
 * The three formulas on numbers worked by hand: K = 2 channels on a 1 × 2 layer,
 * A0 = [1, 3], A1 = [2, 0], G0 = [1, −1], G1 = [0.5, 2].
 */
class CamFormulaTest {
    private final FixedGradientModel model = new FixedGradientModel(2, 1, 2,
            new float[] {1, 3, 2, 0}, new float[] {1, -1, 0.5f, 2});
    private final Tensor image = new Tensor(new int[] {1, 4, 4}, new float[16]);

    @Test
    void gradCamWeighsChannelsByTheirMeanGradient() {
        // w0 = (1 − 1)/2 = 0, w1 = (0.5 + 2)/2 = 1.25 → 1.25·A1 = [2.5, 0]
        Explanation e = new GradCam(model, CamOptions.defaults()).explain(image, 0, ExplainSettings.defaults());
        assertThat(e.featureMap().values()).containsExactly(new float[] {2.5f, 0f}, within(1e-6f));
    }

    @Test
    void hiResCamSumsGradientTimesActivationThenClipsAtZero() {
        // p0: 1·1 + 0.5·2 = 2; p1: −1·3 + 2·0 = −3 → 0
        Explanation e = new HiResCam(model, CamOptions.defaults()).explain(image, 0, ExplainSettings.defaults());
        assertThat(e.featureMap().values()).containsExactly(new float[] {2f, 0f}, within(1e-6f));
    }

    @Test
    void gradCamPlusPlusFollowsPytorchGradCamsAlpha() {
        // channel 0, ΣA = 4: p0 g=1: α = 1/(2 + 4) = 1/6, ·ReLU(1) = 1/6; p1 g=−1: ReLU(g) = 0 → w0 = 1/6
        // channel 1, ΣA = 2: p0 g=.5: α = .25/(.5 + 2·.125) = 1/3, ·.5 = 1/6; p1 g=2: α = 4/(8 + 16) = 1/6, ·2 = 1/3 → w1 = 1/2
        // map = A0/6 + A1/2 = [1/6 + 1, 1/2]
        Explanation e = new GradCamPlusPlus(model, CamOptions.defaults()).explain(image, 0, ExplainSettings.defaults());
        assertThat(e.featureMap().values()).containsExactly(new float[] {7f / 6, 0.5f}, within(1e-5f));
    }

    @Test
    void theImageMapIsTheFeatureMapUpsampledBilinearly() {
        Explanation e = new GradCam(model, CamOptions.defaults()).explain(image, 0, ExplainSettings.defaults());
        assertThat(e.imageMap().height()).isEqualTo(4);
        assertThat(e.imageMap().width()).isEqualTo(4);
        assertThat(e.imageMap().values()).containsExactly(BilinearUpsampler.resize(new float[] {2.5f, 0f}, 1, 2, 4, 4));
        // each row: 2.5 at the left edge, then 2.5·(1 − (x + .5)·.5 + .5) … 0 at the right edge
        assertThat(new float[] {e.imageMap().get(2, 0), e.imageMap().get(2, 1), e.imageMap().get(2, 2), e.imageMap().get(2, 3)})
                .containsExactly(new float[] {2.5f, 1.875f, 0.625f, 0f}, within(1e-6f));
    }
}
