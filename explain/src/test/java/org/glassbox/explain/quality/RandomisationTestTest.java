package org.glassbox.explain.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.testing.LinearModel;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.api.Test;

class RandomisationTestTest {
    private static final int S = 16;

    /** The input gradient (plain saliency): depends on every weight of the model. */
    private static Explainer inputGradient(ExplainableModel model) {
        return fixed(model, image -> {
            LayerGradient g = model.gradient(new Tensor(new int[] {1, 1, S, S}, image.data()), "relu", 0);
            float[] v = new float[S * S];
            for (int p = 0; p < v.length; p++) {
                v[p] = g.inputGradient().get(p);
            }
            return v;
        });
    }

    /** An "edge detector": the image's own horizontal gradient, blind to the model (Adebayo's negative example). */
    private static Explainer edges(ExplainableModel model) {
        return fixed(model, image -> {
            float[] v = new float[S * S];
            for (int y = 0; y < S; y++) {
                for (int x = 1; x < S; x++) {
                    v[y * S + x] = image.get(y * S + x) - image.get(y * S + x - 1);
                }
            }
            return v;
        });
    }

    private static Explainer fixed(ExplainableModel model, java.util.function.Function<Tensor, float[]> f) {
        return new Explainer() {
            @Override
            public ExplanationMethod method() {
                return ExplanationMethod.INTEGRATED_GRADIENTS;
            }

            @Override
            public Explanation explain(Tensor image, int target, ExplainSettings settings) {
                return new Explanation(method(), target, Map.of(), new SaliencyMap(S, S, f.apply(image)), null, 0, 0, 1, 0);
            }
        };
    }

    private static Tensor image() {
        Random r = new Random(8);
        float[] v = new float[S * S];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return new Tensor(new int[] {1, S, S}, v);
    }

    @Test
    void aModelDependentMapDecorrelatesAsLayersAreRandomised() {
        TinyConvNet net = new TinyConvNet(1, S, S, 6, 2, 1, 42);
        RandomisationTest.Result result = new RandomisationTest(RandomisationTestTest::inputGradient)
                .run(net, image(), 0, ExplainSettings.defaults(), 5, 99);
        assertThat(result.steps()).extracting(RandomisationTest.Step::layer).containsExactly("fc", "conv");
        assertThat(result.steps()).extracting(RandomisationTest.Step::randomisedLayers).containsExactly(1, 2);
        for (RandomisationTest.Step s : result.steps()) {
            assertThat(s.spearman()).as("step %s", s.layer()).isLessThan(0.9);
            assertThat(s.ssim()).as("step %s", s.layer()).isLessThan(0.9);
        }
        // the full cascade leaves the map unrelated to the original
        assertThat(Math.abs(result.steps().get(1).spearman())).isLessThan(0.5);
    }

    @Test
    void aModelBlindMapStaysIdentical() {
        TinyConvNet net = new TinyConvNet(1, S, S, 6, 2, 1, 42);
        RandomisationTest.Result result = new RandomisationTest(RandomisationTestTest::edges)
                .run(net, image(), 0, ExplainSettings.defaults(), 2, 99);
        assertThat(result.steps()).allSatisfy(s -> {
            assertThat(s.spearman()).isEqualTo(1.0);
            assertThat(s.ssim()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        });
    }

    @Test
    void aModelThatCannotBeRandomisedIsReported() {
        LinearModel linear = new LinearModel(1, S, S, 1, 1);
        assertThatThrownBy(() -> new RandomisationTest(RandomisationTestTest::edges).run(linear, image(), 0, ExplainSettings.defaults(), 2, 1))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("linear");
    }
}
