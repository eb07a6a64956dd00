package org.glassbox.explain.quality;

import java.util.List;
import java.util.TreeMap;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.SaliencyMap;

/** Computes {@link QualityFigures} for a map: the curves always, the ground-truth metrics when a mask is given. */
public final class QualityEvaluator {

    /**
     * @param curves          deletion/insertion settings
     * @param tolerancePx     pointing-game tolerance in map pixels (default 15)
     * @param topPercents     the k of IoU at top-k % (default 5, 10, 20)
     */
    public record Options(PerturbationCurves.Options curves, double tolerancePx, List<Double> topPercents) {
        public Options {
            topPercents = List.copyOf(topPercents);
        }

        public static Options defaults() {
            return new Options(PerturbationCurves.Options.defaults(), GroundTruthMetrics.DEFAULT_POINTING_TOLERANCE_PX,
                    List.of(5.0, 10.0, 20.0));
        }
    }

    private final PerturbationCurves curves;
    private final Options options;

    public QualityEvaluator(Classifier model, Options options) {
        this.curves = new PerturbationCurves(model, options.curves());
        this.options = options;
    }

    /**
     * @param map  at the image's resolution
     * @param mask ground truth on the same grid, or null
     */
    public QualityFigures evaluate(Tensor image, int target, SaliencyMap map, RegionMask mask, ExplainSettings settings) {
        long start = System.nanoTime();
        if (mask != null) {
            mask.requireSameGrid(map.height(), map.width());
        }
        PixelRanking ranking = PixelRanking.of(map);
        Curve deletion = curves.deletion(image, target, ranking, settings);
        Curve insertion = curves.insertion(image, target, ranking, settings);
        double pointing = Double.NaN;
        double energy = Double.NaN;
        TreeMap<Double, Double> iou = new TreeMap<>();
        if (mask != null && mask.area() > 0) {
            pointing = GroundTruthMetrics.pointingGame(map, mask, options.tolerancePx());
            energy = GroundTruthMetrics.energyPointing(map, mask);
            for (double k : options.topPercents()) {
                iou.put(k, GroundTruthMetrics.iouAtTopPercent(map, mask, k));
            }
        }
        return new QualityFigures(deletion, insertion, pointing, energy, iou, System.nanoTime() - start);
    }
}
