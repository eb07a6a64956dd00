package org.glassbox.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.task.CancelToken;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.testing.LinearModel;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntegratedGradientsTest {

    @ParameterizedTest
    @EnumSource(QuadratureRule.class)
    void isExactOnALinearModelUnderEveryRule(QuadratureRule rule) {
        LinearModel model = new LinearModel(2, 6, 5, 3, 7);
        Tensor image = Images.random(2, 6, 5, 1);
        Explanation e = new IntegratedGradients(model, new IntegratedGradients.Options(16, rule, Baseline.black()))
                .explain(image, 1, ExplainSettings.defaults());
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 5; x++) {
                double expected = 0;
                for (int c = 0; c < 2; c++) {
                    int p = (c * 6 + y) * 5 + x;
                    expected += model.weight(1, p) * image.get(p);
                }
                assertThat((double) e.imageMap().get(y, x)).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Baseline.Kind.class, names = {"BLACK", "BLUR", "MEAN"})
    void isCompleteWithinOnePercentAt64StepsOnANonlinearNet(Baseline.Kind kind) {
        TinyConvNet net = new TinyConvNet(2, 16, 16, 6, 3, 1, 21);
        Tensor image = Images.random(2, 16, 16, 3);
        Baseline baseline = new Baseline(kind, 3.0, null, null);
        Explanation e = new IntegratedGradients(net, new IntegratedGradients.Options(64, QuadratureRule.GAUSS_LEGENDRE, baseline))
                .explain(image, 2, ExplainSettings.defaults());
        double fx = Images.logit(net, image.data(), image.shape(), 2);
        double fb = Images.logit(net, baseline.valuesFor(image), image.shape(), 2);
        System.out.printf("IG completeness %s: sum %.6f, f(x)-f(b) %.6f%n", kind, e.imageMap().sum(), fx - fb);
        assertThat(Math.abs(fx - fb)).as("a test with nothing to attribute proves nothing").isGreaterThan(0.05);
        assertThat(e.imageMap().sum()).isCloseTo(fx - fb, within(0.01 * Math.abs(fx - fb)));
        assertThat(e.targetLogit()).isCloseTo((float) fx, within(1e-5f));
        assertThat(e.modelEvaluations()).isEqualTo(65);
        assertThat(e.parameters()).containsEntry("steps", "64").containsEntry("rule", "gauss-legendre");
    }

    @Test
    void batchSizeDoesNotChangeTheMap() {
        TinyConvNet net = new TinyConvNet(1, 12, 12, 4, 2, 2, 5);
        Tensor image = Images.random(1, 12, 12, 9);
        IntegratedGradients ig = new IntegratedGradients(net, IntegratedGradients.Options.defaults());
        float[] one = ig.explain(image, 0, ExplainSettings.defaults().withBatchSize(1)).imageMap().values();
        float[] many = ig.explain(image, 0, ExplainSettings.defaults().withBatchSize(24)).imageMap().values();
        assertThat(many).containsExactly(one, within(1e-6f));
    }

    @Test
    void reportsProgressToTheEndAndStopsWhenCancelled() {
        TinyConvNet net = new TinyConvNet(1, 8, 8, 2, 2, 1, 5);
        Tensor image = Images.random(1, 8, 8, 9);
        List<Double> fractions = new ArrayList<>();
        IntegratedGradients ig = new IntegratedGradients(net, IntegratedGradients.Options.defaults());
        ig.explain(image, 0, new ExplainSettings(16, 0, new CancelToken(), (f, m) -> fractions.add(f)));
        assertThat(fractions).hasSize(4).isSorted().last().isEqualTo(1.0);

        CancelToken cancel = new CancelToken();
        ExplainSettings settings = new ExplainSettings(8, 0, cancel, (f, m) -> cancel.cancel());
        assertThatThrownBy(() -> ig.explain(image, 0, settings)).isInstanceOf(CancellationException.class);
    }

    @Test
    void readsOptionsAndRefusesBadOnes(@TempDir Path dir) throws Exception {
        IntegratedGradients.Options o = IntegratedGradients.Options.fromMap(
                Map.of("steps", "32", "rule", "riemann_trapezoid", "baseline", "blur", "sigma", "2.5"));
        assertThat(o.steps()).isEqualTo(32);
        assertThat(o.rule()).isEqualTo(QuadratureRule.RIEMANN_TRAPEZOID);
        assertThat(o.baseline()).isEqualTo(Baseline.blur(2.5));
        assertThatThrownBy(() -> IntegratedGradients.Options.fromMap(Map.of("stepz", "3")))
                .hasMessageContaining("unknown option [stepz]").hasMessageContaining("steps");
        assertThatThrownBy(() -> IntegratedGradients.Options.fromMap(Map.of("steps", "0")))
                .hasMessageContaining("steps=0");
        assertThatThrownBy(() -> IntegratedGradients.Options.fromMap(Map.of("rule", "simpson")))
                .hasMessageContaining("rule=simpson").hasMessageContaining("gauss-legendre");
        assertThatThrownBy(() -> IntegratedGradients.Options.fromMap(Map.of("baseline", "image")))
                .hasMessageContaining("baseline-image");

        Path small = dir.resolve("mean.npy");
        NpyIO.write(NpyArray.ofFloat32(new float[25], 5, 5), small);
        IntegratedGradients ig = new IntegratedGradients(new LinearModel(1, 6, 6, 2, 1),
                IntegratedGradients.Options.fromMap(Map.of("baseline", "mean", "mean-image", small.toString())));
        assertThatThrownBy(() -> ig.explain(Images.random(1, 6, 6, 1), 0, ExplainSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean.npy").hasMessageContaining("[5, 5]");
        assertThatThrownBy(() -> ig.explain(Images.random(1, 6, 6, 1), 2, ExplainSettings.defaults()))
                .hasMessageContaining("target 2");
        assertThatThrownBy(() -> ig.explain(Images.random(1, 6, 7, 1), 0, ExplainSettings.defaults()))
                .hasMessageContaining("input shape");
    }

    @Test
    void aSuppliedMeanImageIsThePathStart(@TempDir Path dir) throws Exception {
        LinearModel model = new LinearModel(1, 4, 4, 1, 3);
        float[] mean = new float[16];
        for (int i = 0; i < 16; i++) {
            mean[i] = 0.25f + i / 100f;
        }
        Path file = dir.resolve("m.npy");
        NpyIO.write(NpyArray.ofFloat32(mean, 1, 4, 4), file);
        Tensor image = Images.random(1, 4, 4, 2);
        Explanation e = new IntegratedGradients(model, IntegratedGradients.Options.fromMap(
                Map.of("baseline", "mean", "mean-image", file.toString(), "steps", "4"))).explain(image, 0, ExplainSettings.defaults());
        for (int p = 0; p < 16; p++) {
            assertThat((double) e.imageMap().get(p / 4, p % 4)).isCloseTo(model.weight(0, p) * (image.get(p) - mean[p]), within(1e-5));
        }
    }
}
