package org.glassbox.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.task.CancelToken;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.attribution.segmentation.GridSegmenter;
import org.glassbox.explain.attribution.segmentation.Segmentation;
import org.glassbox.explain.attribution.segmentation.SlicSegmenter;
import org.glassbox.explain.testing.LinearModel;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelShapTest {
    // 14 grid cells (2 × 7) on a 1 × 16 × 28 image: 2^14 = 16,384 coalitions to enumerate exactly
    private static final TinyConvNet NET = new TinyConvNet(1, 16, 28, 6, 3, 1, 41);

    @ParameterizedTest(name = "{0} evaluations, seed {1}: Pearson ≥ {2}")
    @CsvSource({"2048, 0, 0.99", "2048, 1, 0.99", "2048, 2, 0.99", "500, 0, 0.95", "500, 1, 0.95", "500, 2, 0.95"})
    void matchesExactShapleyValuesOn14Segments(int evaluations, long seed, double minimum) {
        Tensor image = Images.random(1, 16, 28, 17);
        int target = 1;
        double[] exact = ExactGames.shapley(14, ExactGames.table(14, keep -> score(image, keep, target)));
        ShapOptions options = KernelShap.options(Map.of("grid", "2x7", "masking", "black",
                "evaluations", Integer.toString(evaluations)));
        Explanation e = new KernelShap(NET, options).explain(image, target, ExplainSettings.defaults().withSeed(seed));
        double[] estimate = toDouble(e.featureMap().values());
        double r = Images.pearson(exact, estimate);
        System.out.printf("kernel SHAP vs exact Shapley, 14 cells, %d evaluations, seed %d: Pearson %.5f%n", evaluations, seed, r);
        assertThat(r).isGreaterThanOrEqualTo(minimum);
        assertThat(e.modelEvaluations()).isLessThanOrEqualTo(evaluations + 1L);
        assertThat(sum(estimate)).isCloseTo(sum(exact), within(1e-6));
    }

    @ParameterizedTest(name = "SLIC superpixels, {0} evaluations: Pearson ≥ {1}")
    @CsvSource({"2048, 0.99", "500, 0.95"})
    void matchesExactShapleyValuesOnSlicSuperpixels(int evaluations, double minimum) {
        TinyConvNet net = new TinyConvNet(1, 48, 48, 6, 2, 1, 77);
        Tensor image = Images.blobs(1, 48, 48, 12);
        // BoofCV merges small regions: asking for 22 gives 14 here (2^14 coalitions, more than either budget)
        Segmentation slic = new SlicSegmenter(22, SlicSegmenter.DEFAULT_COMPACTNESS).segment(image);
        int m = slic.count();
        assertThat(m).isBetween(12, 14);
        double[] exact = ExactGames.shapley(m, ExactGames.table(m, keep -> {
            float[] x = image.data();
            for (int p = 0; p < x.length; p++) {
                if (!keep[slic.label(p / 48, p % 48)]) {
                    x[p] = 0f;
                }
            }
            return Classifier.scores(net.logits(new Tensor(new int[] {1, 1, 48, 48}, x)), net.descriptor().outputKind())[0][0];
        }));
        Explanation e = new KernelShap(net, KernelShap.options(Map.of("superpixels", "22", "masking", "black",
                "evaluations", Integer.toString(evaluations)))).explain(image, 0, ExplainSettings.defaults());
        double r = Images.pearson(exact, toDouble(e.featureMap().values()));
        System.out.printf("kernel SHAP vs exact Shapley, %d SLIC superpixels, %d evaluations: Pearson %.5f%n", m, evaluations, r);
        assertThat(r).isGreaterThanOrEqualTo(minimum);
    }

    @Test
    void enumeratingEveryCoalitionGivesTheExactShapleyValuesOfANonlinearGame() {
        int m = 7;
        CoalitionGame game = nonlinearGame(m);
        double[] exact = ExactGames.shapley(m, ExactGames.table(m, z -> game.values(new boolean[][] {z})[0]));
        KernelShapEstimator.Result r = KernelShapEstimator.estimate(game, 1 << m, new SplittableRandom(3));
        assertThat(r.values()).containsExactly(exact, within(1e-9));
        assertThat(r.evaluations()).isEqualTo(1 << m);
    }

    @Test
    void efficiencyIsExactWhateverTheBudget() {
        int m = 23;
        CoalitionGame game = nonlinearGame(m);
        for (int budget : new int[] {2, 10, 60, 333}) {
            KernelShapEstimator.Result r = KernelShapEstimator.estimate(game, budget, new SplittableRandom(budget));
            assertThat(sum(r.values())).isCloseTo(r.full() - r.empty(), within(1e-9));
            assertThat(r.evaluations()).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void efficiencyHoldsToOneMillionthOnSlicSuperpixelsOfANet() {
        TinyConvNet net = new TinyConvNet(3, 32, 32, 5, 2, 2, 8);
        Tensor image = Images.blobs(3, 32, 32, 4);
        ShapOptions options = KernelShap.options(Map.of("superpixels", "20", "evaluations", "200", "output", "logit"));
        Explanation e = new KernelShap(net, options).explain(image, 0, ExplainSettings.defaults());
        float[] blurred = Baseline.blur(Baseline.DEFAULT_SIGMA).valuesFor(image);
        double fx = Images.logit(net, image.data(), image.shape(), 0);
        double fMasked = Images.logit(net, blurred, image.shape(), 0);
        assertThat(sum(toDouble(e.featureMap().values()))).isCloseTo(fx - fMasked, within(1e-6));
        assertThat(e.featureMap().height()).isEqualTo(1);
        assertThat(e.parameters()).containsKey("segments").containsEntry("output", "logit").containsEntry("evaluations", "200");
    }

    @Test
    void onALinearModelEachSegmentGetsItsWeightedDifference() {
        LinearModel model = new LinearModel(2, 8, 8, 2, 5);
        Tensor image = Images.random(2, 8, 8, 6);
        Segmentation cells = new GridSegmenter(3, 3).segment(image);
        Explanation e = new KernelShap(model, KernelShap.options(Map.of("grid", "3x3", "masking", "black", "evaluations", "60")))
                .explain(image, 1, ExplainSettings.defaults());
        double[] expected = new double[9];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    int p = (c * 8 + y) * 8 + x;
                    expected[cells.label(y, x)] += model.weight(1, p) * image.get(p);
                }
            }
        }
        assertThat(toDouble(e.featureMap().values())).containsExactly(expected, within(1e-4));
        assertThat(e.imageMap().get(0, 0)).isEqualTo(e.featureMap().get(0, 0));
    }

    @Test
    void isDeterministicForASeedAndIndependentOfTheBatchSize() {
        Tensor image = Images.random(1, 16, 28, 2);
        KernelShap shap = new KernelShap(NET, KernelShap.options(Map.of("grid", "4x5", "evaluations", "300")));
        float[] a = shap.explain(image, 0, ExplainSettings.defaults().withBatchSize(1).withSeed(5)).imageMap().values();
        float[] b = shap.explain(image, 0, ExplainSettings.defaults().withBatchSize(64).withSeed(5)).imageMap().values();
        float[] c = shap.explain(image, 0, ExplainSettings.defaults().withSeed(6)).imageMap().values();
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void stopsWhenCancelled() {
        CancelToken cancel = new CancelToken();
        ExplainSettings settings = new ExplainSettings(8, 0, cancel, (f, m) -> cancel.cancel());
        KernelShap shap = new KernelShap(NET, KernelShap.options(Map.of("grid", "4x5")));
        assertThatThrownBy(() -> shap.explain(Images.random(1, 16, 28, 2), 0, settings))
                .isInstanceOf(CancellationException.class).hasMessageContaining("kernelshap");
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> KernelShap.options(Map.of("evaluation", "5"))).hasMessageContaining("unknown option [evaluation]");
        assertThatThrownBy(() -> KernelShap.options(Map.of("evaluations", "1"))).hasMessageContaining("evaluations=1");
        assertThatThrownBy(() -> KernelShap.options(Map.of("masking", "noise"))).hasMessageContaining("masking=noise");
        assertThatThrownBy(() -> KernelShap.options(Map.of("output", "probability"))).hasMessageContaining("score, logit");
        assertThatThrownBy(() -> KernelShap.options(Map.of("grid", "7"))).hasMessageContaining("ROWSxCOLUMNS");
        assertThatThrownBy(() -> KernelShap.options(Map.of("grid", "2x2", "segments", "slic"))).hasMessageContaining("segments=grid");
        KernelShap tooFine = new KernelShap(NET, KernelShap.options(Map.of("grid", "17x2")));
        assertThatThrownBy(() -> tooFine.explain(Images.random(1, 16, 28, 2), 0, ExplainSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    /** v(z) = tanh(a·z) + (z0 ∧ z1) − 0.5 (z2 ∧ z3 ∧ z4) + sin(b·z): interactions of order 2 and 3. */
    static CoalitionGame nonlinearGame(int m) {
        double[] a = new double[m];
        double[] b = new double[m];
        SplittableRandom r = new SplittableRandom(m);
        for (int i = 0; i < m; i++) {
            a[i] = r.nextDouble() - 0.3;
            b[i] = r.nextDouble();
        }
        return new CoalitionGame() {
            @Override
            public int players() {
                return m;
            }

            @Override
            public double[] values(boolean[][] coalitions) {
                double[] v = new double[coalitions.length];
                for (int k = 0; k < coalitions.length; k++) {
                    boolean[] z = coalitions[k];
                    double sa = 0;
                    double sb = 0;
                    for (int i = 0; i < m; i++) {
                        sa += z[i] ? a[i] : 0;
                        sb += z[i] ? b[i] : 0;
                    }
                    v[k] = Math.tanh(sa) + (z[0] && z[1] ? 1 : 0) - (z[2] && z[3] && z[4] ? 0.5 : 0) + Math.sin(sb);
                }
                return v;
            }
        };
    }

    private static double score(Tensor image, boolean[] keep, int target) {
        Segmentation cells = new GridSegmenter(2, 7).segment(image);
        float[] x = image.data();
        for (int p = 0; p < x.length; p++) {
            if (!keep[cells.label(p / 28, p % 28)]) {
                x[p] = 0f;
            }
        }
        Tensor logits = NET.logits(new Tensor(new int[] {1, 1, 16, 28}, x));
        return Classifier.scores(logits, NET.descriptor().outputKind())[0][target];
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }
}
