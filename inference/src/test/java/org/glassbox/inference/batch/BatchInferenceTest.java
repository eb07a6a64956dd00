package org.glassbox.inference.batch;

import org.glassbox.core.task.CancelToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.PlanarImage;
import org.glassbox.core.imaging.ResizeFilter;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.preprocess.DicomPreprocessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelined runner with a small pure-Java model (so the test is about the pipeline, not ND4J):
 * outputs equal the model applied to each preprocessed file; failures are per file; reruns are
 * cache hits; a cancelled or crashed run resumes computing only the rest, with nothing lost or
 * duplicated.
 */
class BatchInferenceTest {
    static final int FILES = 12;
    static final List<Integer> SHAPE = List.of(1, 16, 16);
    static final ModelInputSpec SPEC = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1,
            new ModelInputSpec.Resize(16, ResizeFilter.AREA, false), 0, 1, null);

    @TempDir
    static Path cohort;
    @TempDir
    Path dir;

    static List<Path> files;

    @BeforeAll
    static void generate() throws IOException {
        new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), cohort.resolve("c"), FILES, 5, 64);
        try (Stream<Path> s = Files.list(cohort.resolve("c/dicom"))) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(FILES);
    }

    /** logits = [mean, max, first pixel] of the input; "enc" = [mean, min] per sample. */
    static final class TinyModel implements LoadedModel {
        final AtomicInteger calls = new AtomicInteger();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor("tiny", "1", "f".repeat(64), SHAPE, List.of("mean", "max", "first"), ModelDescriptor.OutputKind.SIGMOID);
        }

        @Override
        public Tensor logits(Tensor batch) {
            calls.incrementAndGet();
            batchSizes.add(batch.dim(0));
            int n = batch.dim(0);
            int per = batch.size() / n;
            float[] out = new float[n * 3];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                float max = Float.NEGATIVE_INFINITY;
                for (int p = 0; p < per; p++) {
                    float v = batch.get(i * per + p);
                    sum += v;
                    max = Math.max(max, v);
                }
                out[i * 3] = (float) (sum / per);
                out[i * 3 + 1] = max;
                out[i * 3 + 2] = batch.get(i * per);
            }
            return new Tensor(new int[] {n, 3}, out);
        }

        @Override
        public List<String> layerNames() {
            return List.of("enc", "logits");
        }

        @Override
        public String defaultTargetLayer() {
            return "enc";
        }

        @Override
        public Tensor activations(Tensor batch, String layer) {
            int n = batch.dim(0);
            int per = batch.size() / n;
            float[] out = new float[n * 2];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                float min = Float.POSITIVE_INFINITY;
                for (int p = 0; p < per; p++) {
                    sum += batch.get(i * per + p);
                    min = Math.min(min, batch.get(i * per + p));
                }
                out[2 * i] = (float) (sum / per);
                out[2 * i + 1] = min;
            }
            return new Tensor(new int[] {n, 2}, out);
        }

        @Override
        public LayerGradient gradient(Tensor batch, String layer, int target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String executionSummary() {
            return "test";
        }

        @Override
        public void close() {
        }
    }

    static DicomPreprocessor preprocessor() {
        return new DicomPreprocessor(Dicom.reader(), SPEC, SHAPE);
    }

    static List<BatchItem> items(Path broken) {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            items.add(new BatchItem("f" + i, files.get(i), "1.2.3." + i, "c".repeat(63) + (i % 10)));
            if (i == 5) {
                items.add(new BatchItem("broken", broken, "1.2.3.999", "d".repeat(64)));
            }
        }
        return items;
    }

    Path broken() throws IOException {
        return Files.write(dir.resolve("broken.dcm"), new byte[] {1, 2, 3});
    }

    @Test
    void outputsEqualTheModelOnEachPreprocessedFileAndBrokenFilesFailAlone() throws Exception {
        TinyModel model = new TinyModel();
        List<BatchItem> items = items(broken());
        List<BatchProgress> seen = new ArrayList<>();
        BatchReport report;
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.sqlite"))) {
            report = new BatchInference(model, preprocessor(), new CatalogPredictionStore(catalog), new BatchOptions(4, 2, 3), "enc")
                    .run(items, new CancelToken(), seen::add);
            assertThat(catalog.predictions().count("f".repeat(64))).isEqualTo(FILES);
        }
        assertThat(report.count(ItemOutcome.Status.COMPUTED)).isEqualTo(FILES);
        assertThat(report.count(ItemOutcome.Status.FAILED)).isEqualTo(1);
        assertThat(report.cancelled()).isFalse();
        ItemOutcome bad = report.outcomes().get(6);
        assertThat(bad.item().name()).isEqualTo("broken");
        assertThat(bad.error()).contains("broken.dcm");
        assertThat(report.peakPrepared()).isLessThanOrEqualTo(3 + 4);
        assertThat(model.batchSizes).allMatch(b -> b <= 4);
        assertThat(model.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(FILES);
        assertThat(seen.get(seen.size() - 1).done()).isEqualTo(FILES + 1);
        // independent path: each file preprocessed alone, one model call each
        TinyModel direct = new TinyModel();
        for (ItemOutcome o : report.outcomes()) {
            if (o.status() != ItemOutcome.Status.COMPUTED) {
                continue;
            }
            PlanarImage img = preprocessor().prepare(o.item().file());
            Tensor one = new Tensor(new int[] {1, 1, 16, 16}, img.data());
            float[] z = direct.logits(one).data();
            assertThat(o.logits()).containsExactly(z);
            assertThat(o.scores()[0]).isEqualTo((float) (1 / (1 + Math.exp(-z[0]))));
            assertThat(o.embedding()).containsExactly(direct.activations(one, "enc").data());
        }
    }

    @Test
    void aRerunIsAllCacheHitsAndAChangedFileIsAMiss() throws Exception {
        List<BatchItem> items = items(broken());
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.sqlite"))) {
            PredictionStore store = new CatalogPredictionStore(catalog);
            BatchReport first = new BatchInference(new TinyModel(), preprocessor(), store, new BatchOptions(5, 1, 2), null)
                    .run(items, new CancelToken(), BatchListener.NONE);
            TinyModel again = new TinyModel();
            BatchReport second = new BatchInference(again, preprocessor(), store, new BatchOptions(5, 1, 2), null)
                    .run(items, new CancelToken(), BatchListener.NONE);
            assertThat(second.count(ItemOutcome.Status.CACHED)).isEqualTo(FILES);
            assertThat(second.count(ItemOutcome.Status.COMPUTED)).isZero();
            assertThat(second.count(ItemOutcome.Status.FAILED)).isEqualTo(1);
            assertThat(again.calls.get()).isZero();
            for (int i = 0; i < items.size(); i++) {
                assertThat(second.outcomes().get(i).logits()).isEqualTo(first.outcomes().get(i).logits());
            }
            List<BatchItem> changed = new ArrayList<>(items);
            BatchItem f0 = items.get(0);
            changed.set(0, new BatchItem(f0.name(), f0.file(), f0.sopInstanceUid(), "e".repeat(64)));
            BatchReport third = new BatchInference(new TinyModel(), preprocessor(), store, new BatchOptions(5, 1, 2), null)
                    .run(changed, new CancelToken(), BatchListener.NONE);
            assertThat(third.outcomes().get(0).status()).isEqualTo(ItemOutcome.Status.COMPUTED);
            assertThat(third.count(ItemOutcome.Status.COMPUTED)).isEqualTo(1);
        }
    }

    @Test
    void cancelStopsBetweenBatchesAndTheRerunComputesOnlyTheRest() throws Exception {
        List<BatchItem> items = items(broken());
        Map<String, float[]> reference = new java.util.HashMap<>();
        for (ItemOutcome o : new BatchInference(new TinyModel(), preprocessor(), PredictionStore.NONE, new BatchOptions(4, 2, 4), null)
                .run(items, new CancelToken(), BatchListener.NONE).outcomes()) {
            reference.put(o.item().name(), o.logits());
        }
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.sqlite"))) {
            PredictionStore store = new CatalogPredictionStore(catalog);
            CancelToken cancel = new CancelToken();
            BatchReport first = new BatchInference(new TinyModel(), preprocessor(), store, new BatchOptions(4, 2, 4), null)
                    .run(items, cancel, p -> {
                        if (p.computed() > 0) {
                            cancel.cancel(); // asked during the first batch's progress report
                        }
                    });
            assertThat(first.cancelled()).isTrue();
            assertThat(first.count(ItemOutcome.Status.COMPUTED)).isEqualTo(4);
            assertThat(first.count(ItemOutcome.Status.NOT_RUN)).isEqualTo(items.size() - 4 - first.count(ItemOutcome.Status.FAILED));
            assertThat(catalog.predictions().count("f".repeat(64))).isEqualTo(4);

            BatchReport rest = new BatchInference(new TinyModel(), preprocessor(), store, new BatchOptions(4, 2, 4), null)
                    .run(items, new CancelToken(), BatchListener.NONE);
            assertThat(rest.count(ItemOutcome.Status.CACHED)).isEqualTo(4);
            assertThat(rest.count(ItemOutcome.Status.COMPUTED)).isEqualTo(FILES - 4);
            assertThat(catalog.predictions().count("f".repeat(64))).isEqualTo(FILES);
            for (ItemOutcome o : rest.outcomes()) {
                if (o.status() != ItemOutcome.Status.FAILED) {
                    assertThat(o.logits()).as(o.item().name()).containsExactly(reference.get(o.item().name()));
                }
            }
        }
    }

    @Test
    void aRunKilledMidwayKeepsWholeBatchesAndResumes() throws Exception {
        List<BatchItem> items = items(broken());
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.sqlite"))) {
            CatalogPredictionStore real = new CatalogPredictionStore(catalog);
            AtomicInteger stores = new AtomicInteger();
            PredictionStore dying = new PredictionStore() {
                @Override
                public Map<String, Prediction> find(String model, Collection<String> uids) {
                    return real.find(model, uids);
                }

                @Override
                public void store(List<Prediction> predictions) {
                    if (stores.incrementAndGet() == 3) {
                        throw new IllegalStateException("killed");
                    }
                    real.store(predictions);
                }
            };
            assertThatThrownBy(() -> new BatchInference(new TinyModel(), preprocessor(), dying, new BatchOptions(3, 2, 3), null)
                    .run(items, new CancelToken(), BatchListener.NONE)).hasMessage("killed");
            assertThat(catalog.predictions().count("f".repeat(64))).isEqualTo(6);
            BatchReport rest = new BatchInference(new TinyModel(), preprocessor(), real, new BatchOptions(3, 2, 3), null)
                    .run(items, new CancelToken(), BatchListener.NONE);
            assertThat(rest.count(ItemOutcome.Status.CACHED)).isEqualTo(6);
            assertThat(rest.count(ItemOutcome.Status.COMPUTED)).isEqualTo(FILES - 6);
            assertThat(catalog.predictions().count("f".repeat(64))).isEqualTo(FILES);
        }
    }

    @Test
    void anUnknownEmbeddingLayerIsRefused() {
        assertThatThrownBy(() -> new BatchInference(new TinyModel(), preprocessor(), PredictionStore.NONE, BatchOptions.defaults(2), "nope"))
                .hasMessageContaining("embedding layer 'nope'");
    }
}
