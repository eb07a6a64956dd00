package org.glassbox.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.task.CancelToken;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.attribution.segmentation.GridSegmenter;
import org.glassbox.explain.attribution.segmentation.SegmentHierarchy;
import org.glassbox.explain.attribution.segmentation.Segmentation;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.api.Test;

class PartitionShapTest {

    @Test
    void fullyExpandedItGivesTheOwenValuesOfAnUnbalancedHierarchy() {
        // ((0 1) ((2 3) 4)) ((5 6) 7): groups 8..14
        SegmentHierarchy h = SegmentHierarchy.of(8, new int[][] {{0, 1}, {2, 3}, {9, 4}, {8, 10}, {5, 6}, {12, 7}, {11, 13}});
        CoalitionGame game = KernelShapTest.nonlinearGame(8);
        double[] owen = ExactGames.owen(h, ExactGames.table(8, z -> game.values(new boolean[][] {z})[0]));
        double[] shapley = ExactGames.shapley(8, ExactGames.table(8, z -> game.values(new boolean[][] {z})[0]));
        PartitionShapEstimator.Result r = PartitionShapEstimator.estimate(game, h, 100_000, 4);
        assertThat(r.exact()).isTrue();
        assertThat(r.values()).containsExactly(owen, within(1e-12));
        assertThat(owen).as("the hierarchy must matter, or the test cannot tell Owen from Shapley")
                .isNotEqualTo(shapley);
    }

    @Test
    void equalsTheOwenValuesOfANetOnAGridThroughTheExplainer() {
        TinyConvNet net = new TinyConvNet(1, 12, 16, 5, 2, 1, 13);
        Tensor image = Images.random(1, 12, 16, 4);
        Segmentation cells = new GridSegmenter(2, 4).segment(image);
        SegmentHierarchy h = SegmentHierarchy.bisect(cells);
        double[] table = ExactGames.table(8, keep -> {
            float[] x = image.data();
            for (int p = 0; p < x.length; p++) {
                if (!keep[cells.label(p / 16, p % 16)]) {
                    x[p] = 0f;
                }
            }
            return Classifier.scores(net.logits(new Tensor(new int[] {1, 1, 12, 16}, x)), net.descriptor().outputKind())[0][1];
        });
        Explanation e = new PartitionShap(net, PartitionShap.options(Map.of("grid", "2x4", "masking", "black",
                "evaluations", "10000"))).explain(image, 1, ExplainSettings.defaults().withBatchSize(3));
        assertThat(KernelShapTest.toDouble(e.featureMap().values())).containsExactly(ExactGames.owen(h, table), within(1e-6));
    }

    @Test
    void efficiencyIsExactOnATightBudget() {
        int m = 40;
        CoalitionGame game = KernelShapTest.nonlinearGame(m);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = i;
        }
        SegmentHierarchy h = SegmentHierarchy.bisect(new Segmentation(5, 8, labels));
        for (int budget : new int[] {2, 3, 20, 101}) {
            PartitionShapEstimator.Result r = PartitionShapEstimator.estimate(game, h, budget, 16);
            assertThat(KernelShapTest.sum(r.values())).isCloseTo(r.full() - r.empty(), within(1e-9));
            assertThat(r.evaluations()).isLessThanOrEqualTo(budget);
            assertThat(r.exact()).isFalse();
        }
    }

    @Test
    void stopsWhenCancelled() {
        TinyConvNet net = new TinyConvNet(1, 12, 16, 5, 2, 1, 13);
        CancelToken cancel = new CancelToken();
        ExplainSettings settings = new ExplainSettings(4, 0, cancel, (f, m) -> cancel.cancel());
        PartitionShap shap = new PartitionShap(net, PartitionShap.options(Map.of("grid", "3x4")));
        assertThatThrownBy(() -> shap.explain(Images.random(1, 12, 16, 2), 0, settings)).isInstanceOf(CancellationException.class);
    }
}
