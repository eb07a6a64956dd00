package org.glassbox.explain.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.SaliencyMap;

/**
 * Adebayo et al. (2018, "Sanity checks for saliency maps"), cascading model-parameter
 * randomisation: the top layer's parameters are re-drawn, then the top two, and so on; after each
 * step the map is recomputed and compared with the original map (Spearman rank correlation and SSIM
 * of |map|). A method that explains the model shows falling similarity; one that stays near 1 is
 * insensitive to the model (e.g. an edge detector).
 */
public final class RandomisationTest {

    /**
     * @param randomisedLayers how many top layers are randomised (1 = the top layer only)
     * @param layer            the deepest randomised layer at this step
     * @param spearman         {@link MapSimilarity#spearmanOfAbsolute}; NaN when a map is constant
     * @param ssim             {@link MapSimilarity#ssimOfAbsolute}
     */
    public record Step(int randomisedLayers, String layer, double spearman, double ssim) {
    }

    /** @param original the map of the untouched model */
    public record Result(SaliencyMap original, List<Step> steps) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    private final Function<ExplainableModel, Explainer> explainerFor;

    /** @param explainerFor builds the method under test for a (randomised) model, with fixed parameters */
    public RandomisationTest(Function<ExplainableModel, Explainer> explainerFor) {
        this.explainerFor = explainerFor;
    }

    /**
     * @param maxSteps at most this many cascade steps (capped by the model's parameter layers)
     * @param seed     the randomisation seed (same seed, same randomised weights)
     * @throws UnsupportedOperationException when the model cannot randomise its parameters
     */
    public Result run(ExplainableModel model, Tensor image, int target, ExplainSettings settings, int maxSteps, long seed) {
        List<String> layers = model.parameterLayersTopDown();
        if (layers.isEmpty()) {
            throw new UnsupportedOperationException(model.descriptor().id() + ": the model lists no parameter layers to randomise");
        }
        SaliencyMap original = explainerFor.apply(model).explain(image, target, settings).imageMap();
        List<Step> steps = new ArrayList<>();
        int n = Math.min(maxSteps, layers.size());
        for (int count = 1; count <= n; count++) {
            try (ExplainableModel randomised = model.withRandomizedTopLayers(count, seed)) {
                SaliencyMap map = explainerFor.apply(randomised).explain(image, target, settings).imageMap();
                steps.add(new Step(count, layers.get(count - 1), MapSimilarity.spearmanOfAbsolute(original, map),
                        MapSimilarity.ssimOfAbsolute(original, map)));
            }
        }
        return new Result(original, steps);
    }
}
