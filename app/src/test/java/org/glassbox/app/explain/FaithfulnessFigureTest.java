package org.glassbox.app.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.synth.Finding;
import org.glassbox.core.synth.TruthRow;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.quality.AggregateRow;
import org.glassbox.explain.quality.Fill;
import org.glassbox.explain.quality.GroundTruthMetrics;
import org.glassbox.explain.quality.PerturbationCurves;
import org.glassbox.explain.quality.QualityAggregator;
import org.glassbox.explain.quality.QualityEvaluator;
import org.glassbox.explain.quality.QualityFigures;
import org.glassbox.explain.quality.QualityRecord;
import org.glassbox.explain.quality.RandomisationTest;
import org.glassbox.explain.quality.RegionMask;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 §5: faithfulness metrics over {@value #IMAGES} generated images with demo model v1 —
 * deletion and insertion AUC (20 steps, blur fill), pointing game (15 px), energy pointing and IoU
 * at top-5/10/20 % against the generator's finding masks — for Grad-CAM, Integrated Gradients and
 * a random map (the floor), aggregated per method, label, sex and site with 95 % bootstrap
 * intervals, plus Adebayo's cascading randomisation test for Grad-CAM on a few images. Printed as
 * FIGURE lines. Asserted: each method's insertion − deletion gap beats the random map's, and
 * Grad-CAM's maps decorrelate (mean Spearman below 0.9) once the top layers are randomised.
 *
 * <p>The target of an image is its first finding in label order (its mask is the truth), or the
 * highest-scoring output when it has none (curves only). Masks are put on the 96 × 96 input grid by
 * "any source pixel inside" (nodules are a few input pixels wide).
 */
@Tag("heavy")
class FaithfulnessFigureTest {
    static final int IMAGES = 100;

    @TempDir
    Path dir;

    @Test
    void faithfulnessOverAHundredImages() throws Exception {
        CohortSummary s = new CohortGenerator(Dicom.writer(), 2).generate(CohortConfig.defaults(), dir.resolve("c"), IMAGES, 77, 256);
        List<QualityRecord> records = new ArrayList<>();
        try (DemoCohort.Demo demo = DemoCohort.load("demo-v1")) {
            ExplainSettings settings = ExplainSettings.defaults().withBatchSize(16);
            QualityEvaluator evaluator = new QualityEvaluator(demo.model(), new QualityEvaluator.Options(
                    new PerturbationCurves.Options(20, Fill.BLUR, 0), GroundTruthMetrics.DEFAULT_POINTING_TOLERANCE_PX, List.of(5.0, 10.0, 20.0)));
            Map<String, Explainer> explainers = new LinkedHashMap<>();
            explainers.put("gradcam", Explainers.create(ExplanationMethod.GRADCAM, demo.model(), Map.of()));
            explainers.put("ig", Explainers.create(ExplanationMethod.INTEGRATED_GRADIENTS, demo.model(), Map.of("steps", "16")));
            Map<String, Long> nanos = new LinkedHashMap<>();
            Random random = new Random(5);
            for (TruthRow r : s.rows()) {
                Tensor x = demo.input(s.out().resolve(r.file()));
                Finding finding = r.findings().stream().sorted().findFirst().orElse(null);
                int target = finding != null ? demo.label(finding.label()) : argmax(demo, x);
                RegionMask mask = finding == null ? null : RegionMask.of(x.dim(1), x.dim(2),
                        DemoCohort.maskOnGrid(s.out().resolve("masks/" + r.sopInstanceUid() + "_" + finding.label() + ".npy"), x.dim(1), x.dim(2), 0));
                Map<String, String> attributes = Map.of("sex", r.sex(), "site", r.site(), "age_band", r.ageBand());
                for (var e : explainers.entrySet()) {
                    long t = System.nanoTime();
                    SaliencyMap map = e.getValue().explain(x, target, settings).imageMap();
                    nanos.merge(e.getKey(), System.nanoTime() - t, Long::sum);
                    QualityFigures q = evaluator.evaluate(x, target, map, mask, settings);
                    records.add(new QualityRecord(e.getKey(), demo.manifest().labels().get(target), attributes, q.metrics()));
                }
                float[] noise = new float[x.dim(1) * x.dim(2)];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = random.nextFloat();
                }
                QualityFigures q = evaluator.evaluate(x, target, new SaliencyMap(x.dim(1), x.dim(2), noise), mask, settings);
                records.add(new QualityRecord("random", demo.manifest().labels().get(target), attributes, q.metrics()));
            }
            nanos.forEach((k, v) -> System.out.printf(Locale.ROOT, "FIGURE | faithfulness | %s | %.1f ms per map%n", k, v / 1e6 / IMAGES));

            // per method over all labels: relabel and aggregate
            List<QualityRecord> pooled = records.stream().map(q -> new QualityRecord(q.method(), "all labels", q.attributes(), q.metrics())).toList();
            List<AggregateRow> overall = new QualityAggregator(1000, 0.95, 1).aggregate(pooled, List.of("sex", "site"));
            List<AggregateRow> perLabel = new QualityAggregator(1000, 0.95, 1).aggregate(records, List.of());
            for (AggregateRow a : overall) {
                print(a);
            }
            for (AggregateRow a : perLabel) {
                print(a);
            }
            double randomGap = gap(overall, "random");
            for (String method : explainers.keySet()) {
                assertThat(gap(overall, method)).as(method + " insertion − deletion vs a random map's").isGreaterThan(randomGap);
            }

            // Adebayo et al.: Grad-CAM after cascading randomisation of the top layers
            RandomisationTest rt = new RandomisationTest(m -> Explainers.create(ExplanationMethod.GRADCAM, m, Map.of()));
            Map<Integer, double[]> bySteps = new LinkedHashMap<>();
            List<String> layers = new ArrayList<>();
            int n = 5;
            for (int i = 0; i < n; i++) {
                TruthRow r = s.rows().get(i);
                Tensor x = demo.input(s.out().resolve(r.file()));
                RandomisationTest.Result res = rt.run(demo.model(), x, demo.label("consolidation"), settings, 4, 11);
                for (RandomisationTest.Step step : res.steps()) {
                    double[] acc = bySteps.computeIfAbsent(step.randomisedLayers(), k -> new double[2]);
                    acc[0] += (Double.isNaN(step.spearman()) ? 0 : step.spearman()) / n;
                    acc[1] += step.ssim() / n;
                    if (i == 0) {
                        layers.add(step.layer());
                    }
                }
            }
            bySteps.forEach((k, v) -> System.out.printf(Locale.ROOT,
                    "FIGURE | randomisation | gradcam consolidation | top %d layer(s) randomised (down to %s) | Spearman %.3f | SSIM %.3f | %d images%n",
                    k, layers.get(k - 1), v[0], v[1], n));
            double[] deepest = bySteps.get(bySteps.size());
            assertThat(deepest[0]).as("mean Spearman after randomising the top layers").isLessThan(0.9);
        }
    }

    private static void print(AggregateRow a) {
        System.out.printf(Locale.ROOT, "FIGURE | faithfulness | %s | %s | %s=%s | %s | n %d | %.4f [%.4f, %.4f]%n", a.method(), a.label(), a.attribute(),
                a.group(), a.metric(), a.n(), a.mean(), a.ciLow(), a.ciHigh());
    }

    private static double gap(List<AggregateRow> rows, String method) {
        double ins = value(rows, method, "insertion_auc");
        double del = value(rows, method, "deletion_auc");
        return ins - del;
    }

    private static double value(List<AggregateRow> rows, String method, String metric) {
        return rows.stream().filter(a -> a.method().equals(method) && a.attribute().equals(QualityAggregator.ALL) && a.metric().equals(metric))
                .findFirst().orElseThrow().mean();
    }

    private static int argmax(DemoCohort.Demo demo, Tensor x) {
        float[] s = demo.model().scores(new Tensor(new int[] {1, x.dim(0), x.dim(1), x.dim(2)}, x.data()))[0];
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }
}
