package org.glassbox.app.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.task.CancelToken;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.attribution.Baseline;
import org.glassbox.inference.engine.LoadedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attribution methods on the shipped DL4J demo model (v1): SHAP's efficiency and IG's
 * completeness hold on a real network, through the inference engine's batched logits and gradients.
 */
@Tag("heavy")
class DemoModelAttributionTest {
    private static LoadedModel model;
    private static Tensor image;

    @BeforeAll
    static void load() throws Exception {
        model = DemoModels.load("demo-v1");
        image = DemoModels.radiographLike(96, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static double score(float[] chw, int target) {
        Tensor logits = model.logits(new Tensor(new int[] {1, 1, 96, 96}, chw));
        return Classifier.scores(logits, model.descriptor().outputKind())[0][target];
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernelshap", "partitionshap"})
    void shapValuesOfSlicSuperpixelsAddUpToTheScoreChangeOfMaskingEverything(String method) {
        List<Double> progress = new ArrayList<>();
        ExplainSettings settings = new ExplainSettings(32, 7, new CancelToken(), (f, m) -> progress.add(f));
        Explanation e = Explainers.create(ExplanationMethod.fromCliName(method), model, Map.of("evaluations", "500"))
                .explain(image, 1, settings);
        double fx = score(image.data(), 1);
        double fMasked = score(Baseline.blur(Baseline.DEFAULT_SIGMA).valuesFor(image), 1);
        double sum = 0;
        for (float v : e.featureMap().values()) {
            sum += v;
        }
        System.out.printf("%s on demo-v1: %d superpixels, sum %.7f, f(x) - f(blurred) %.7f, %d evaluations%n", method,
                e.featureMap().width(), sum, fx - fMasked, e.modelEvaluations());
        // the estimator's efficiency is exact in double; here the model runs at batch 32 and at batch 1,
        // so ND4J's float32 kernels may differ in the last bits
        assertThat(sum).isCloseTo(fx - fMasked, within(1e-5));
        assertThat(e.featureMap().width()).isBetween(25, 75);
        assertThat(e.modelEvaluations()).isLessThanOrEqualTo(501);
        assertThat(progress).isNotEmpty().isSorted();
    }

    @Test
    void integratedGradientsAreCompleteWithinOnePercentAt64Steps() {
        Explanation e = Explainers.create(ExplanationMethod.INTEGRATED_GRADIENTS, model, Map.of())
                .explain(image, 1, ExplainSettings.defaults());
        Tensor logits = model.logits(new Tensor(new int[] {2, 1, 96, 96}, concat(image.data(), new float[96 * 96])));
        double delta = logits.get(1) - logits.get(4 + 1);
        System.out.printf("ig on demo-v1: sum %.6f, f(x) - f(black) %.6f (%.3f %%)%n", e.imageMap().sum(), delta,
                100 * Math.abs(e.imageMap().sum() - delta) / Math.abs(delta));
        assertThat(Math.abs(delta)).isGreaterThan(0.1);
        assertThat(e.imageMap().sum()).isCloseTo(delta, within(0.01 * Math.abs(delta)));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = new float[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
