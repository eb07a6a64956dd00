package org.glassbox.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.testing.LinearModel;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectedGradientsTest {

    @Test
    void onALinearModelItConvergesToTheDifferenceFromTheMeanReference(@TempDir Path dir) throws Exception {
        LinearModel model = new LinearModel(1, 5, 5, 2, 4);
        float[] refs = new float[3 * 25];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = (i / 25) * 0.4f + (i % 7) * 0.01f;
        }
        Path file = dir.resolve("refs.npy");
        NpyIO.write(NpyArray.ofFloat32(refs, 3, 1, 5, 5), file);
        Tensor image = Images.random(1, 5, 5, 8);
        Explanation e = new ExpectedGradients(model, ExpectedGradients.Options.fromMap(
                Map.of("reference", file.toString(), "samples", "3000"))).explain(image, 0, ExplainSettings.defaults());
        double fx = Images.logit(model, image.data(), image.shape(), 0);
        double[] fRef = new double[3];
        for (int k = 0; k < 3; k++) {
            fRef[k] = Images.logit(model, java.util.Arrays.copyOfRange(refs, k * 25, (k + 1) * 25), image.shape(), 0);
        }
        double meanRef = (fRef[0] + fRef[1] + fRef[2]) / 3;
        double variance = 0;
        for (double f : fRef) {
            variance += (f - meanRef) * (f - meanRef) / 3;
        }
        // each sample is exact for its reference (linear model), so only the uniform reference draws vary:
        // the estimate lies within 4 standard errors of f(x) − mean f(reference)
        assertThat(variance).isGreaterThan(0.01);
        assertThat(e.imageMap().sum()).isCloseTo(fx - meanRef, within(4 * Math.sqrt(variance / 3000)));
    }

    @Test
    void isDeterministicForASeedAndCompleteInExpectationOnANet() {
        TinyConvNet net = new TinyConvNet(1, 10, 10, 4, 2, 1, 3);
        Tensor image = Images.random(1, 10, 10, 2);
        ExpectedGradients eg = new ExpectedGradients(net, ExpectedGradients.Options.fromMap(Map.of("samples", "2000")));
        Explanation a = eg.explain(image, 1, ExplainSettings.defaults().withSeed(4));
        Explanation b = eg.explain(image, 1, ExplainSettings.defaults().withSeed(4).withBatchSize(7));
        Explanation c = eg.explain(image, 1, ExplainSettings.defaults().withSeed(5));
        assertThat(b.imageMap().values()).containsExactly(a.imageMap().values(), within(1e-6f));
        assertThat(c.imageMap()).isNotEqualTo(a.imageMap());
        double delta = Images.logit(net, image.data(), image.shape(), 1) - Images.logit(net, new float[100], image.shape(), 1);
        assertThat(a.imageMap().sum()).isCloseTo(delta, within(0.05 * Math.abs(delta)));
    }

    @Test
    void refusesAReferenceSetOfTheWrongSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.npy");
        NpyIO.write(NpyArray.ofFloat32(new float[2 * 16], 2, 1, 4, 4), file);
        ExpectedGradients eg = new ExpectedGradients(new LinearModel(1, 5, 5, 1, 1),
                ExpectedGradients.Options.fromMap(Map.of("reference", file.toString())));
        assertThatThrownBy(() -> eg.explain(Images.random(1, 5, 5, 1), 0, ExplainSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("small.npy").hasMessageContaining("[2, 1, 4, 4]");
        assertThatThrownBy(() -> ExpectedGradients.Options.fromMap(Map.of("reference", dir.resolve("none.npy").toString())))
                .hasMessageContaining("none.npy");
    }
}
