package org.glassbox.app.explain.attribution;

import java.util.Arrays;
import java.util.Map;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.inference.engine.LoadedModel;

/**
 * Wall time of SHAP with 500 evaluations on a demo model at several batch sizes, with the forward
 * time of one image as the peer measured in the same run. Not a test (no timing is asserted); run:
 * <pre>
 * ./mvnw -B -q -o test-compile -pl app -am
 * ./mvnw -B -q -o dependency:build-classpath -pl app -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -Dorg.bytedeco.javacpp.platform.extension=-onednn \
 *      -cp app/target/test-classes:app/target/classes:explain/target/classes:inference/target/classes:core/target/classes:resources/target/classes:$(cat /tmp/cp.txt) \
 *      org.glassbox.app.explain.attribution.ShapSpeed [demo-v1] [kernelshap,partitionshap|-] [1,8,16,32,64] [repeats]
 * </pre>
 * Wall time depends on what else runs: the process CPU time is printed next to it.
 */
public final class ShapSpeed {
    private ShapSpeed() {
    }

    public static void main(String[] args) throws Exception {
        String model = args.length > 0 ? args[0] : "demo-v1";
        String[] methods = args.length > 1 && args[1].equals("-") ? new String[0]
                : (args.length > 1 ? args[1] : "kernelshap,partitionshap").split(",");
        int[] batches = Arrays.stream((args.length > 2 ? args[2] : "1,8,16,32,64").split(",")).mapToInt(Integer::parseInt).toArray();
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (LoadedModel m = DemoModels.load(model)) {
            Tensor image = DemoModels.radiographLike(m.descriptor().inputShape().get(1), 1);
            Tensor one = new Tensor(new int[] {1, 1, image.dim(1), image.dim(2)}, image.data());
            for (int i = 0; i < 20; i++) {
                m.logits(one);
            }
            long[] forward = new long[50];
            for (int i = 0; i < forward.length; i++) {
                long t = System.nanoTime();
                m.logits(one);
                forward[i] = System.nanoTime() - t;
            }
            System.out.printf("%s forward, batch 1: median %.2f ms%n", model, median(forward) / 1e6);
            for (int batch : batches) {
                float[] data = new float[batch * image.size()];
                for (int i = 0; i < batch; i++) {
                    image.copyTo(data, i * image.size());
                }
                Tensor many = new Tensor(new int[] {batch, 1, image.dim(1), image.dim(2)}, data);
                m.logits(many);
                long[] t = new long[10];
                for (int i = 0; i < t.length; i++) {
                    long s = System.nanoTime();
                    m.logits(many);
                    t[i] = System.nanoTime() - s;
                }
                System.out.printf("%s forward, batch %2d: median %.2f ms (%.2f ms per image)%n", model, batch, median(t) / 1e6,
                        median(t) / 1e6 / batch);
            }
            for (String name : methods) {
                Explainer explainer = Explainers.create(ExplanationMethod.fromCliName(name), m, Map.of("evaluations", "500"));
                for (int batch : batches) {
                    ExplainSettings settings = ExplainSettings.defaults().withBatchSize(batch);
                    explainer.explain(image, 1, settings);
                    long[] times = new long[repeats];
                    long[] cpu = new long[repeats];
                    long evaluations = 0;
                    for (int r = 0; r < repeats; r++) {
                        long c = processCpuNanos();
                        long t = System.nanoTime();
                        evaluations = explainer.explain(image, 1, settings).modelEvaluations();
                        times[r] = System.nanoTime() - t;
                        cpu[r] = processCpuNanos() - c;
                    }
                    System.out.printf("%s %s batch %2d: wall median %.3f s (min %.3f, max %.3f), process CPU median %.3f s,"
                                    + " over %d runs, %d evaluations%n",
                            model, name, batch, median(times) / 1e9, Arrays.stream(times).min().getAsLong() / 1e9,
                            Arrays.stream(times).max().getAsLong() / 1e9, median(cpu) / 1e9, repeats, evaluations);
                }
            }
        }
    }

    /** CPU time of the whole process (all threads, native ones included), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
