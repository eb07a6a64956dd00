package org.glassbox.explain.attribution;

import java.util.Map;
import java.util.TreeMap;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.attribution.segmentation.GridSegmenter;
import org.glassbox.explain.attribution.segmentation.Segmentation;
import org.glassbox.explain.attribution.segmentation.Segmenter;

/**
 * What Kernel and Partition SHAP share: segment the image, build the masked-image game, and lay the
 * segment values out as maps. The image map paints each pixel with its segment's value (so the map
 * sums to Σφ·|segment|, not Σφ); the feature map is the rows × columns grid of values for a grid, and
 * a 1 × M row of values indexed by segment label for superpixels.
 */
final class SegmentShap {

    /** One prepared run: the segmentation and its game. */
    record Setup(Segmenter segmenter, Segmentation segmentation, MaskedImageGame game) {
    }

    private SegmentShap() {
    }

    static Setup prepare(ExplainableModel model, ShapOptions options, Tensor image, int target, ExplainSettings settings,
                         String method) {
        ModelCalls.check(model, image, target);
        Segmenter segmenter = options.segmenter(image.dim(1), image.dim(2));
        Segmentation segmentation = segmenter.segment(image);
        float[] fill = options.masking().valuesFor(image);
        MaskedImageGame game = new MaskedImageGame(model, image, fill, segmentation, target, options.output(), settings,
                method, options.evaluations());
        return new Setup(segmenter, segmentation, game);
    }

    static Explanation explanation(ExplanationMethod method, ExplainableModel model, ShapOptions options, Setup setup,
                                   Tensor image, int target, double[] values, ExplainSettings settings, long startNanos,
                                   Map<String, String> extra) {
        Segmentation s = setup.segmentation();
        SaliencyMap imageMap = new SaliencyMap(s.height(), s.width(), s.paint(values));
        float[] perSegment = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            perSegment[i] = (float) values[i];
        }
        SaliencyMap featureMap = setup.segmenter() instanceof GridSegmenter grid
                ? new SaliencyMap(grid.rows(), grid.columns(), perSegment)
                : new SaliencyMap(1, values.length, perSegment);
        float[] out = ModelCalls.logitAndScore(model, image, target);
        Map<String, String> parameters = new TreeMap<>(extra);
        parameters.put("evaluations", Integer.toString(options.evaluations()));
        parameters.put("segments", setup.segmenter().describe());
        parameters.put("masking", options.masking().describe());
        parameters.put("output", OptionReader.cliName(options.output()));
        return new Explanation(method, target, parameters, imageMap, featureMap, out[0], out[1],
                setup.game().evaluations() + 1, System.nanoTime() - startNanos);
    }
}
