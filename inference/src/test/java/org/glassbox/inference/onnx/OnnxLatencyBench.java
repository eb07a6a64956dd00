package org.glassbox.inference.onnx;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.glassbox.inference.engine.LoadedModel;

/**
 * Latency of the ONNX engine (not a test: run by hand). Usage:
 * {@code OnnxLatencyBench MODEL.onnx C H W OUTPUTS LAYER}; prints load time and the median of 10
 * timed runs (after 3 warm-ups) for logits at batch 1 and 8 and for a gradient at batch 1.
 */
final class OnnxLatencyBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int c = Integer.parseInt(args[1]);
        int h = Integer.parseInt(args[2]);
        int w = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        String layer = args[5];
        List<String> labels = java.util.stream.IntStream.range(0, k).mapToObj(i -> "l" + i).toList();
        ModelDescriptor d = new ModelDescriptor("bench", "1", "0", List.of(c, h, w), labels, ModelDescriptor.OutputKind.SOFTMAX);
        long t0 = System.nanoTime();
        try (LoadedModel m = new OnnxEngine().load(file, d, layer)) {
            System.out.printf("load (parse + build batch-1 graph): %.0f ms; %s%n", (System.nanoTime() - t0) / 1e6, m.executionSummary());
            for (int n : new int[] {1, 8}) {
                Tensor x = random(n, c, h, w);
                long tb = System.nanoTime();
                m.logits(x);
                System.out.printf("batch %d first call (incl. graph build): %.0f ms%n", n, (System.nanoTime() - tb) / 1e6);
                System.out.printf("batch %d logits: median %.1f ms%n", n, median(() -> m.logits(x)));
            }
            Tensor x1 = random(1, c, h, w);
            m.gradient(x1, layer, 0);
            System.out.printf("batch 1 gradient (%s): median %.1f ms%n", layer, median(() -> m.gradient(x1, layer, 0)));
        }
    }

    private static Tensor random(int n, int c, int h, int w) {
        Random r = new Random(1);
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(new int[] {n, c, h, w}, v);
    }

    private static double median(Runnable run) {
        for (int i = 0; i < 3; i++) {
            run.run();
        }
        double[] t = new double[10];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            run.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return (t[4] + t[5]) / 2;
    }
}
