package org.glassbox.explain.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The faithfulness figures of one map for one image.
 *
 * @param deletion         the deletion curve
 * @param insertion        the insertion curve
 * @param pointing         pointing-game hit (1) or miss (0); NaN without a ground-truth mask
 * @param energyPointing   share of positive energy inside the mask; NaN without a mask or positive energy
 * @param iouAtTopPercent  IoU of the top k % pixels with the mask, by k; empty without a mask
 * @param elapsedNanos     wall time of the evaluation
 */
public record QualityFigures(Curve deletion, Curve insertion, double pointing, double energyPointing,
                             SortedMap<Double, Double> iouAtTopPercent, long elapsedNanos) {
    public QualityFigures {
        iouAtTopPercent = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(iouAtTopPercent));
    }

    public long modelEvaluations() {
        return deletion.modelEvaluations() + insertion.modelEvaluations();
    }

    /** Metric name → value, as {@link QualityRecord#metrics()} takes them: deletion_auc, insertion_auc, pointing, energy_pointing, iou_top{k}. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("deletion_auc", deletion.auc());
        m.put("insertion_auc", insertion.auc());
        if (!iouAtTopPercent.isEmpty()) {
            m.put("pointing", pointing);
            m.put("energy_pointing", energyPointing);
            iouAtTopPercent.forEach((k, v) -> m.put("iou_top" + formatPercent(k), v));
        }
        return m;
    }

    /** 5.0 → "5", 2.5 → "2.5". */
    public static String formatPercent(double k) {
        return k == Math.rint(k) ? Long.toString((long) k) : Double.toString(k);
    }
}
