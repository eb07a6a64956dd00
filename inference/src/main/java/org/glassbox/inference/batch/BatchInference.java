package org.glassbox.inference.batch;

import org.glassbox.core.task.CancelToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.imaging.PlanarImage;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.preprocess.DicomPreprocessor;

/**
 * Scores many DICOM images with one model, decoding and preprocessing alongside the model:
 * producer threads turn files into input samples and put them on a bounded queue; the calling
 * thread takes them off in batches, runs the model, and stores each batch's outputs (one
 * transaction per batch). Hence:
 * <ul>
 *   <li><b>memory bounded</b> — the queue caps the prepared images in flight
 *       ({@link BatchOptions#queueCapacity()} + batch + one per producer), whatever the input count;</li>
 *   <li><b>cached</b> — catalogued items whose outputs for this model (and this file content) are
 *       stored are not recomputed;</li>
 *   <li><b>cancellable</b> — the {@link CancelToken} is checked between batches;</li>
 *   <li><b>resumable</b> — a cancelled or killed run leaves whole batches stored; a rerun computes
 *       only the rest.</li>
 * </ul>
 * A file that cannot be read or preprocessed fails alone; the run carries on. Not thread-safe:
 * one run at a time (the model is used from the calling thread only).
 */
public final class BatchInference {
    private static final long POLL_MILLIS = 50;

    private final LoadedModel model;
    private final DicomPreprocessor preprocessor;
    private final PredictionStore store;
    private final BatchOptions options;
    private final String embeddingLayer;

    /**
     * @param embeddingLayer layer to cache as the embedding, or null
     * @throws IllegalArgumentException when the model has no such layer
     */
    public BatchInference(LoadedModel model, DicomPreprocessor preprocessor, PredictionStore store, BatchOptions options,
                          String embeddingLayer) {
        if (embeddingLayer != null && !model.layerNames().contains(embeddingLayer)) {
            throw new IllegalArgumentException("embedding layer '" + embeddingLayer + "' is not a layer of model " + model.descriptor().id());
        }
        this.model = model;
        this.preprocessor = preprocessor;
        this.store = store;
        this.options = options;
        this.embeddingLayer = embeddingLayer;
    }

    /** A prepared sample, or why there is none. */
    private record Prepared(int index, PlanarImage image, String error) {
    }

    public BatchReport run(List<BatchItem> items, CancelToken cancel, BatchListener listener) {
        long start = System.nanoTime();
        String sha = model.descriptor().sha256();
        ItemOutcome[] outcomes = new ItemOutcome[items.size()];

        // 1. Cache lookup: catalogued items already scored from the same file content.
        List<String> uids = items.stream().filter(BatchItem::cacheable).map(BatchItem::sopInstanceUid).toList();
        Map<String, Prediction> cached = uids.isEmpty() ? Map.of() : store.find(sha, uids);
        List<Integer> todo = new ArrayList<>();
        int cachedCount = 0;
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            Prediction p = item.cacheable() ? cached.get(item.sopInstanceUid()) : null;
            if (p != null && p.contentSha256().equals(item.contentSha256()) && p.labels().equals(model.descriptor().labels())
                    && (embeddingLayer == null || embeddingLayer.equals(p.embeddingLayer()))) {
                outcomes[i] = new ItemOutcome(item, ItemOutcome.Status.CACHED, p.logits(), p.scores(), p.embedding(), null);
                cachedCount++;
            } else {
                todo.add(i);
            }
        }
        Counters counters = new Counters(items.size(), cachedCount, start);
        listener.progress(counters.progress(todo.size()));

        // 2. Producers decode + preprocess into the bounded queue; this thread runs the model.
        BlockingQueue<Prepared> queue = new ArrayBlockingQueue<>(options.queueCapacity());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong preprocessNanos = new AtomicLong();
        int producers = Math.min(options.producers(), Math.max(1, todo.size()));
        ExecutorService pool = Executors.newFixedThreadPool(producers, r -> {
            Thread t = new Thread(r, "glassbox-preprocess");
            t.setDaemon(true);
            return t;
        });
        long inferenceNanos = 0;
        long storeNanos = 0;
        int peak = 0;
        boolean cancelled = false;
        try {
            for (int p = 0; p < producers; p++) {
                pool.execute(() -> produce(items, todo, next, stop, queue, preprocessNanos));
            }
            List<Prepared> batch = new ArrayList<>();
            int received = 0;
            while (received < todo.size()) {
                Prepared got = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (got == null) {
                    continue;
                }
                received++;
                if (got.image() == null) {
                    outcomes[got.index()] = new ItemOutcome(items.get(got.index()), ItemOutcome.Status.FAILED, null, null, null, got.error());
                    counters.failed++;
                } else {
                    batch.add(got);
                }
                peak = Math.max(peak, queue.size() + batch.size());
                if (batch.size() == options.batchSize() || (received == todo.size() && !batch.isEmpty())) {
                    long t0 = System.nanoTime();
                    ModelOutputs out = ModelOutputs.of(model, tensor(batch), embeddingLayer);
                    long t1 = System.nanoTime();
                    inferenceNanos += t1 - t0;
                    List<Prediction> toStore = new ArrayList<>();
                    Instant now = Instant.now();
                    for (int b = 0; b < batch.size(); b++) {
                        int idx = batch.get(b).index();
                        BatchItem item = items.get(idx);
                        float[] emb = out.embeddings() == null ? null : out.embeddings()[b];
                        outcomes[idx] = new ItemOutcome(item, ItemOutcome.Status.COMPUTED, out.logits()[b], out.scores()[b], emb, null);
                        if (item.cacheable()) {
                            toStore.add(new Prediction(sha, item.sopInstanceUid(), item.contentSha256(), model.descriptor().labels(),
                                    out.logits()[b], out.scores()[b], emb == null ? null : embeddingLayer, emb, now));
                        }
                    }
                    if (!toStore.isEmpty()) {
                        store.store(toStore);
                    }
                    storeNanos += System.nanoTime() - t1;
                    counters.computed += batch.size();
                    counters.computingNanos = System.nanoTime() - counters.firstComputeStart(t0);
                    batch.clear();
                    listener.progress(counters.progress(todo.size()));
                    if (cancel.isCancelled()) {
                        cancelled = received < todo.size();
                        break;
                    }
                } else if (got.image() == null) {
                    listener.progress(counters.progress(todo.size()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        } finally {
            stop.set(true);
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new ItemOutcome(items.get(i), ItemOutcome.Status.NOT_RUN, null, null, null, null);
            }
        }
        return new BatchReport(Arrays.asList(outcomes), cancelled, preprocessNanos.get(), inferenceNanos, storeNanos,
                System.nanoTime() - start, peak);
    }

    private void produce(List<BatchItem> items, List<Integer> todo, AtomicInteger next, AtomicBoolean stop, BlockingQueue<Prepared> queue,
                         AtomicLong preprocessNanos) {
        try {
            while (!stop.get()) {
                int k = next.getAndIncrement();
                if (k >= todo.size()) {
                    return;
                }
                int idx = todo.get(k);
                long t0 = System.nanoTime();
                Prepared p;
                try {
                    p = new Prepared(idx, preprocessor.prepare(items.get(idx).file()), null);
                } catch (DicomPreprocessor.PreprocessException e) {
                    p = new Prepared(idx, null, e.getMessage());
                } catch (RuntimeException | OutOfMemoryError e) {
                    // One bad file must not end the run, nor leave the model thread waiting for it.
                    p = new Prepared(idx, null, items.get(idx).file() + ": " + e);
                }
                preprocessNanos.addAndGet(System.nanoTime() - t0);
                while (!queue.offer(p, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (stop.get()) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Tensor tensor(List<Prepared> batch) {
        List<Integer> chw = model.descriptor().inputShape();
        int per = chw.get(0) * chw.get(1) * chw.get(2);
        float[] data = new float[batch.size() * per];
        for (int b = 0; b < batch.size(); b++) {
            batch.get(b).image().copyTo(data, b * per);
        }
        return new Tensor(new int[] {batch.size(), chw.get(0), chw.get(1), chw.get(2)}, data);
    }

    /** Progress counts, touched by the model thread only. */
    private static final class Counters {
        final int total;
        final int cached;
        final long start;
        int computed;
        int failed;
        long computeStart = -1;
        long computingNanos;

        Counters(int total, int cached, long start) {
            this.total = total;
            this.cached = cached;
            this.start = start;
        }

        long firstComputeStart(long t) {
            if (computeStart < 0) {
                computeStart = t;
            }
            return computeStart;
        }

        BatchProgress progress(int todo) {
            int remaining = todo - computed - failed;
            long eta = computed == 0 ? -1 : (long) ((double) computingNanos / computed * remaining);
            return new BatchProgress(cached + computed + failed, total, computed, cached, failed, System.nanoTime() - start, eta);
        }
    }
}
