package org.glassbox.inference.train;

import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.glassbox.core.synth.Finding;

/**
 * Trains the demo network on preprocessed images: Adam, binary cross-entropy on the four sigmoid
 * outputs, minibatches in an order drawn from {@code Random(seed)} each epoch, no augmentation.
 * Deterministic as far as DL4J allows: weights and batch order follow the seed; ND4J's
 * multi-threaded CPU reductions may sum in a different order between runs, so repeated runs agree
 * to float rounding rather than bit for bit.
 */
public final class DemoTrainer {
    private DemoTrainer() {
    }

    public static ComputationGraph train(DemoRecipe recipe, CohortImages data, Consumer<String> log) {
        ComputationGraph net = recipe.network().build();
        int n = data.size();
        int per = data.shape()[0] * data.shape()[1] * data.shape()[2];
        int k = Finding.values().length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(recipe.seed());
        for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
            long start = System.nanoTime();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double loss = 0;
            int batches = 0;
            for (int from = 0; from < n; from += recipe.batchSize()) {
                int to = Math.min(n, from + recipe.batchSize());
                float[] x = new float[(to - from) * per];
                float[] y = new float[(to - from) * k];
                for (int b = from; b < to; b++) {
                    System.arraycopy(data.pixels(), order[b] * per, x, (b - from) * per, per);
                    System.arraycopy(data.labels(), order[b] * k, y, (b - from) * k, k);
                }
                INDArray xs = Nd4j.create(x, new long[] {to - from, data.shape()[0], data.shape()[1], data.shape()[2]}, 'c');
                INDArray ys = Nd4j.create(y, new long[] {to - from, k}, 'c');
                net.fit(new DataSet(xs, ys));
                loss += net.score();
                batches++;
            }
            log.accept(String.format(java.util.Locale.ROOT, "epoch %d/%d: mean loss %.4f (%.1f s)", epoch, recipe.epochs(),
                    loss / batches, (System.nanoTime() - start) / 1e9));
        }
        return net;
    }
}
