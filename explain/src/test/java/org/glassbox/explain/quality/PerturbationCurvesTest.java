package org.glassbox.explain.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.testing.LinearModel;
import org.junit.jupiter.api.Test;

class PerturbationCurvesTest {
    private static final int S = 24;
    private final LinearModel model = new LinearModel(1, S, S, 2, 7);

    /** x = sign(W[0]) so every pixel contributes |W[0][p]| ≥ 0 to logit 0. */
    private Tensor positiveImage() {
        float[] x = new float[S * S];
        for (int p = 0; p < x.length; p++) {
            x[p] = Math.signum(model.weight(0, p));
        }
        return new Tensor(new int[] {1, S, S}, x);
    }

    /** The exact contributions W·x (for a linear model: the Shapley values against a zero baseline). */
    private SaliencyMap exactContributions(Tensor image) {
        float[] v = new float[S * S];
        for (int p = 0; p < v.length; p++) {
            v[p] = model.weight(0, p) * image.get(p);
        }
        return new SaliencyMap(S, S, v);
    }

    private static SaliencyMap randomMap(long seed) {
        Random r = new Random(seed);
        float[] v = new float[S * S];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return new SaliencyMap(S, S, v);
    }

    private PerturbationCurves curves(int steps, Fill fill) {
        return new PerturbationCurves(model, new PerturbationCurves.Options(steps, fill, 0));
    }

    @Test
    void deletionWithZeroFillRemovesExactlyTheRankedContributions() {
        Tensor image = positiveImage();
        SaliencyMap map = exactContributions(image);
        Curve del = curves(4, Fill.ZERO).deletion(image, 0, PixelRanking.of(map), ExplainSettings.defaults().withBatchSize(2));
        float[] contributions = map.values();
        float full = model.logits(new Tensor(new int[] {1, 1, S, S}, image.data())).get(0);
        // independent computation: sort contributions descending, subtract the first round(k/4·N)
        double[] sorted = new double[contributions.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = -contributions[i];
        }
        java.util.Arrays.sort(sorted);
        double[] scores = del.scores();
        for (int k = 0; k <= 4; k++) {
            int removed = (int) Math.round(k / 4.0 * S * S);
            double expected = full;
            for (int i = 0; i < removed; i++) {
                expected += sorted[i]; // sorted holds −contribution
            }
            assertThat(scores[k]).as("step %d", k).isCloseTo(expected, within(1e-3 * Math.abs(full)));
        }
        assertThat(del.fractions()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(del.auc()).isCloseTo(Curve.trapezoid(del.fractions(), scores), within(1e-12));
        assertThat(del.modelEvaluations()).isEqualTo(5);
    }

    @Test
    void theExactRankingBeatsARandomOneOnBothCurves() {
        Tensor image = positiveImage();
        ExplainSettings s = ExplainSettings.defaults();
        PerturbationCurves c = curves(32, Fill.ZERO);
        PixelRanking good = PixelRanking.of(exactContributions(image));
        PixelRanking random = PixelRanking.of(randomMap(3));
        assertThat(c.deletion(image, 0, good, s).auc()).isLessThan(c.deletion(image, 0, random, s).auc());
        assertThat(c.insertion(image, 0, good, s).auc()).isGreaterThan(c.insertion(image, 0, random, s).auc());
    }

    @Test
    void aRandomMapGivesInsertionCloseToDeletion() {
        Tensor image = positiveImage();
        ExplainSettings s = ExplainSettings.defaults();
        PerturbationCurves c = curves(32, Fill.ZERO);
        PixelRanking random = PixelRanking.of(randomMap(11));
        Curve del = c.deletion(image, 0, random, s);
        Curve ins = c.insertion(image, 0, random, s);
        double range = Math.abs(del.scores()[0] - del.scores()[32]);
        assertThat(range).isGreaterThan(100);
        assertThat(Math.abs(del.auc() - ins.auc())).isLessThan(0.05 * range);
        // whereas a faithful map separates them by far more
        PixelRanking good = PixelRanking.of(exactContributions(image));
        assertThat(c.insertion(image, 0, good, s).auc() - c.deletion(image, 0, good, s).auc()).isGreaterThan(0.3 * range);
    }

    @Test
    void anExactlyReversedRankingSwapsTheCurves() {
        Tensor image = positiveImage();
        ExplainSettings s = ExplainSettings.defaults().withBatchSize(5);
        for (Fill fill : Fill.values()) {
            PerturbationCurves c = curves(16, fill);
            PixelRanking r = PixelRanking.of(randomMap(5));
            double[] del = c.deletion(image, 0, r, s).scores();
            double[] insReversed = c.insertion(image, 0, r.reversed(), s).scores();
            for (int k = 0; k <= 16; k++) {
                assertThat(del[k]).as("%s step %d", fill, k).isCloseTo(insReversed[16 - k], within(1e-3));
            }
            assertThat(c.deletion(image, 0, r, s).auc()).isCloseTo(c.insertion(image, 0, r.reversed(), s).auc(), within(1e-3));
        }
    }

    @Test
    void batchSizeDoesNotChangeTheCurve() {
        Tensor image = positiveImage();
        PerturbationCurves c = curves(10, Fill.BLUR);
        PixelRanking r = PixelRanking.of(randomMap(2));
        double[] one = c.deletion(image, 1, r, ExplainSettings.defaults().withBatchSize(1)).scores();
        double[] many = c.deletion(image, 1, r, ExplainSettings.defaults().withBatchSize(4)).scores();
        assertThat(many).containsExactly(one, within(1e-4));
    }

    @Test
    void fillsReplaceRemovedPixelsByZeroMeanOrBlur() {
        Tensor image = positiveImage();
        PixelRanking r = PixelRanking.of(randomMap(4));
        ExplainSettings s = ExplainSettings.defaults();
        double allRemovedZero = curves(1, Fill.ZERO).deletion(image, 0, r, s).scores()[1];
        double allRemovedMean = curves(1, Fill.MEAN).deletion(image, 0, r, s).scores()[1];
        // zero fill leaves only the bias; mean fill gives bias + mean(x)·ΣW
        float[] x = image.data();
        double mean = 0;
        double sumW = 0;
        for (int p = 0; p < x.length; p++) {
            mean += x[p] / x.length;
            sumW += model.weight(0, p);
        }
        double bias = model.logits(new Tensor(new int[] {1, 1, S, S}, new float[S * S])).get(0);
        assertThat(allRemovedZero).isCloseTo(bias, within(1e-4));
        assertThat(allRemovedMean).isCloseTo(bias + mean * sumW, within(1e-3));
        double blurred = curves(1, Fill.BLUR).deletion(image, 0, r, s).scores()[1];
        assertThat(blurred).isNotCloseTo(allRemovedZero, within(1e-3)).isNotCloseTo(allRemovedMean, within(1e-3));
    }

    @Test
    void superpixelRankingRemovesWholeSegmentsByTheirMean() {
        float[] v = {0, 0, 9, 9, 1, 1, 5, -5};
        int[] labels = {0, 0, 1, 1, 2, 2, 3, 3};
        PixelRanking r = PixelRanking.bySegments(new SaliencyMap(2, 4, v), labels);
        int[] order = new int[8];
        for (int i = 0; i < 8; i++) {
            order[i] = r.pixelAt(i);
        }
        // means: seg0 0, seg1 9, seg2 1, seg3 0 → 1, 2, 0, 3 (ties in label order)
        assertThat(order).containsExactly(2, 3, 4, 5, 0, 1, 6, 7);
    }

    @Test
    void badInputIsRefusedAndCancellationStops() {
        Tensor image = positiveImage();
        PerturbationCurves c = curves(4, Fill.ZERO);
        assertThatThrownBy(() -> c.deletion(image, 0, PixelRanking.of(new SaliencyMap(3, 3, new float[9])), ExplainSettings.defaults()))
                .hasMessageContaining("3×3").hasMessageContaining("24×24");
        assertThatThrownBy(() -> c.deletion(image, 2, PixelRanking.of(randomMap(1)), ExplainSettings.defaults()))
                .hasMessageContaining("target 2");
        CancelToken token = new CancelToken();
        token.cancel();
        assertThatThrownBy(() -> c.insertion(image, 0, PixelRanking.of(randomMap(1)), new ExplainSettings(2, 0, token, ProgressListener.NONE)))
                .isInstanceOf(CancellationException.class);
    }
}
