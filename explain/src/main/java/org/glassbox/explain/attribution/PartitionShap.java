package org.glassbox.explain.attribution;

import java.util.Map;
import java.util.Objects;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.attribution.segmentation.SegmentHierarchy;

/**
 * Partition SHAP over superpixels or grid cells ({@link PartitionShapEstimator}): Owen values for a
 * binary spatial hierarchy of the segments ({@link SegmentHierarchy#bisect}), exact when the budget
 * covers every group, otherwise with the largest effects resolved first. The values add up to
 * f(image) − f(everything masked) exactly. Deterministic (no random choices) for a given batch size:
 * under a budget too small to expand every group, which groups are expanded depends on how many
 * are evaluated per batch, so the batch size is part of an explanation's identity (the cache keys on it).
 */
public final class PartitionShap implements Explainer {
    private final ExplainableModel model;
    private final ShapOptions options;

    public PartitionShap(ExplainableModel model, ShapOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** {@link ShapOptions#fromMap} for this method. */
    public static ShapOptions options(Map<String, String> options) {
        return ShapOptions.fromMap(ExplanationMethod.PARTITION_SHAP.cliName(), options);
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.PARTITION_SHAP;
    }

    @Override
    public Explanation explain(Tensor image, int target, ExplainSettings settings) {
        long start = System.nanoTime();
        SegmentShap.Setup setup = SegmentShap.prepare(model, options, image, target, settings, method().cliName());
        SegmentHierarchy hierarchy = SegmentHierarchy.bisect(setup.segmentation());
        PartitionShapEstimator.Result result = PartitionShapEstimator.estimate(setup.game(), hierarchy,
                options.evaluations(), Math.max(2, settings.batchSize()));
        return SegmentShap.explanation(method(), model, options, setup, image, target, result.values(), settings, start,
                Map.of("hierarchy", "bisect"));
    }
}
