package org.glassbox.explain.attribution;

import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;

/**
 * Kernel SHAP over superpixels or grid cells ({@link KernelShapEstimator}): each segment's Shapley value
 * for the target score (or logit) when absent segments show the masking image. The values add up to
 * f(image) − f(everything masked) exactly. Coalitions are drawn from the settings' seed.
 */
public final class KernelShap implements Explainer {
    private final ExplainableModel model;
    private final ShapOptions options;

    public KernelShap(ExplainableModel model, ShapOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** {@link ShapOptions#fromMap} for this method. */
    public static ShapOptions options(Map<String, String> options) {
        return ShapOptions.fromMap(ExplanationMethod.KERNEL_SHAP.cliName(), options);
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.KERNEL_SHAP;
    }

    @Override
    public Explanation explain(Tensor image, int target, ExplainSettings settings) {
        long start = System.nanoTime();
        SegmentShap.Setup setup = SegmentShap.prepare(model, options, image, target, settings, method().cliName());
        KernelShapEstimator.Result result = KernelShapEstimator.estimate(setup.game(), options.evaluations(),
                new SplittableRandom(settings.seed()));
        return SegmentShap.explanation(method(), model, options, setup, image, target, result.values(), settings, start,
                Map.of("seed", Long.toString(settings.seed())));
    }
}
