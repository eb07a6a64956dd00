package org.glassbox.inference.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.synth.Finding;
import org.glassbox.core.synth.TruthRow;
import org.glassbox.inference.preprocess.ImagePreprocessor;

/**
 * A generated cohort's images, preprocessed exactly as inference does, with their labels.
 *
 * @param rows   the truth of each image, in order
 * @param shape  one image's shape [C, H, W]
 * @param pixels N·C·H·W floats, row-major
 * @param labels N × 4 (Finding order), 1 = present
 */
public record CohortImages(List<TruthRow> rows, int[] shape, float[] pixels, float[] labels) {

    public int size() {
        return rows.size();
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as an N × C × H × W tensor. */
    public Tensor batch(int from, int to) {
        int per = shape[0] * shape[1] * shape[2];
        float[] v = java.util.Arrays.copyOfRange(pixels, from * per, to * per);
        return new Tensor(new int[] {to - from, shape[0], shape[1], shape[2]}, v);
    }

    /**
     * Reads and preprocesses {@code rows} (files relative to {@code cohort}) on {@code threads} threads.
     *
     * @throws DicomReadException naming the first file that cannot be read
     */
    public static CohortImages load(Path cohort, List<TruthRow> rows, ImagePreprocessor pre, int threads) throws IOException {
        int[] shape = pre.outputShape();
        int per = shape[0] * shape[1] * shape[2];
        float[] pixels = new float[Math.multiplyExact(rows.size(), per)];
        float[] labels = new float[rows.size() * Finding.values().length];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "glassbox-preprocess");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (TruthRow row : rows) {
                futures.add(pool.submit(() -> pre.apply(cohort.resolve(row.file()))));
            }
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(futures.get(i).get(), 0, pixels, i * per, per);
                for (Finding f : Finding.values()) {
                    labels[i * Finding.values().length + f.ordinal()] = rows.get(i).findings().contains(f) ? 1 : 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + cohort, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(cohort + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new CohortImages(List.copyOf(rows), shape, pixels, labels);
    }
}
