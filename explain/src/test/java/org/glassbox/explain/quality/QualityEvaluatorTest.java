package org.glassbox.explain.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.api.Test;

class QualityEvaluatorTest {
    private final TinyConvNet net = new TinyConvNet(1, 12, 12, 4, 2, 1, 3);

    private static Tensor image() {
        float[] v = new float[144];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 12) / 12f;
        }
        return new Tensor(new int[] {1, 12, 12}, v);
    }

    private static SaliencyMap square() {
        float[] v = new float[144];
        for (int y = 2; y < 5; y++) {
            for (int x = 3; x < 7; x++) {
                v[y * 12 + x] = 1;
            }
        }
        return new SaliencyMap(12, 12, v);
    }

    @Test
    void curvesAlwaysAndGroundTruthMetricsOnlyWithAMask() {
        QualityEvaluator e = new QualityEvaluator(net, new QualityEvaluator.Options(new PerturbationCurves.Options(6, Fill.MEAN, 0), 0,
                List.of(5.0, 2.5)));
        QualityFigures without = e.evaluate(image(), 1, square(), null, ExplainSettings.defaults());
        assertThat(without.metrics()).containsOnlyKeys("deletion_auc", "insertion_auc");
        assertThat(without.modelEvaluations()).isEqualTo(14);
        assertThat(without.pointing()).isNaN();
        RegionMask mask = RegionMask.of(12, 12, square().values());
        QualityFigures with = e.evaluate(image(), 1, square(), mask, ExplainSettings.defaults());
        assertThat(with.metrics()).containsOnlyKeys("deletion_auc", "insertion_auc", "pointing", "energy_pointing", "iou_top5", "iou_top2.5");
        assertThat(with.pointing()).isEqualTo(1);
        assertThat(with.energyPointing()).isEqualTo(1);
        assertThat(with.deletion().auc()).isEqualTo(without.deletion().auc());
        assertThatThrownBy(() -> e.evaluate(image(), 1, square(), RegionMask.of(6, 6, new float[36]), ExplainSettings.defaults()))
                .hasMessageContaining("mask size mismatch");
    }
}
