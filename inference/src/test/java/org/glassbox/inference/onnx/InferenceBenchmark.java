package org.glassbox.inference.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J (GlassBox's ONNX engine, eager path) against ONNX Runtime on the same ONNX files, the same
 * inputs and the same thread count, in one run (not a test: run by scripts/bench-inference.sh).
 * For each model and batch size: median latency of {@code --runs} timed calls after
 * {@code --warmup} calls, for both engines (timed alternately, so both see the same machine load), their ratio ND4J/ORT and the largest difference
 * between their logits. {@code --profile} adds ND4J's time per op kind (one profiled run).
 *
 * <pre>
 * InferenceBenchmark --models DIR [--threads N] [--runs N] [--warmup N] [--batches 1,8]
 *                    [--only densenet121,resnet18,tiny_cnn] [--profile] [--json]
 * </pre>
 * DIR holds densenet121_224.onnx and resnet18_224.onnx (src/test/python/make_bench_models.py);
 * the tiny CNN is the committed test fixture.
 */
public final class InferenceBenchmark {
    /** One model to measure: file and input shape C×H×W. */
    private record Model(String name, Path file, int c, int h, int w) {
    }

    /** One measured (model, batch): milliseconds are medians. */
    public record Result(String model, int batch, double nd4jMs, double ortMs, double ratio, double maxAbsLogitDiff,
                         int nd4jOps, Map<String, Double> nd4jProfileMs) {
    }

    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path dir = Path.of(opt.getOrDefault("models", "target/bench-models"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "10"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        int[] batches = Arrays.stream(opt.getOrDefault("batches", "1,8").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> only = opt.containsKey("only") ? List.of(opt.get("only").split(",")) : null;
        boolean json = opt.containsKey("json");
        boolean profile = opt.containsKey("profile");

        // The same thread count for both: ND4J's OpenMP pool and ORT's intra-op pool.
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);

        List<Model> models = new ArrayList<>();
        models.add(new Model("densenet121", dir.resolve("densenet121_224.onnx"), 3, 224, 224));
        models.add(new Model("resnet18", dir.resolve("resnet18_224.onnx"), 3, 224, 224));
        models.add(new Model("tiny_cnn", Path.of("src/test/resources/onnx/tiny_cnn.onnx"), 1, 16, 16));
        List<Result> results = new ArrayList<>();
        double loadBefore = loadAverage();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (Model m : models) {
            if (only != null && !only.contains(m.name())) {
                continue;
            }
            if (!Files.isRegularFile(m.file())) {
                throw new IllegalArgumentException(m.file() + " is missing: run src/test/python/make_bench_models.py " + dir);
            }
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession ort = env.createSession(m.file().toString(), so)) {
                int outputs = (int) ((ai.onnxruntime.TensorInfo) ort.getOutputInfo().values().iterator().next().getInfo()).getShape()[1];
                List<String> labels = IntStream.range(0, outputs).mapToObj(i -> "l" + i).toList();
                ModelDescriptor d = new ModelDescriptor(m.name(), "bench", "0", List.of(m.c(), m.h(), m.w()), labels,
                        ModelDescriptor.OutputKind.SOFTMAX);
                String input = ort.getInputNames().iterator().next();
                try (OnnxLoadedModel nd4j = (OnnxLoadedModel) new OnnxEngine().load(m.file(), d, null)) {
                    for (int n : batches) {
                        results.add(measure(m, n, nd4j, ort, env, input, runs, warmup, profile));
                        if (!json) {
                            print(results.get(results.size() - 1));
                        }
                    }
                }
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("threads", threads);
        doc.put("nd4jMaxThreads", Nd4j.getEnvironment().maxThreads());
        doc.put("nd4jMasterThreads", Nd4j.getEnvironment().maxMasterThreads());
        doc.put("nd4jHelpersAllowed", Nd4j.getEnvironment().helpersAllowed());
        doc.put("nd4jNativeLibrary", nativeFlavour());
        doc.put("ortVersion", env.getVersion());
        doc.put("loadAverageBefore", loadBefore);
        doc.put("loadAverageAfter", loadAverage());
        doc.put("runs", runs);
        doc.put("warmup", warmup);
        doc.put("results", results);
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            System.out.printf("threads %d (nd4j maxThreads %d, master %d, helpers %s, native %s), ORT %s, median of %d interleaved runs "
                            + "after %d warm-up; load average %.2f before, %.2f after%n",
                    threads, Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads(),
                    Nd4j.getEnvironment().helpersAllowed(), nativeFlavour(), env.getVersion(), runs, warmup, loadBefore, loadAverage());
        }
    }

    private static Result measure(Model m, int n, OnnxLoadedModel nd4j, OrtSession ort, OrtEnvironment env, String input,
                                  int runs, int warmup, boolean profile) throws Exception {
        Tensor x = random(n, m.c(), m.h(), m.w());
        long[] shape = {n, m.c(), m.h(), m.w()};
        float[] nd4jLogits = nd4j.logits(x).data();
        float[] ortLogits;
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), shape);
             OrtSession.Result r = ort.run(Map.of(input, t))) {
            ortLogits = flat(((OnnxTensor) r.get(0)).getFloatBuffer());
        }
        double diff = 0;
        for (int i = 0; i < Math.min(nd4jLogits.length, ortLogits.length); i++) {
            diff = Math.max(diff, Math.abs(nd4jLogits[i] - ortLogits[i]));
        }
        if (nd4jLogits.length != ortLogits.length) {
            diff = Double.NaN;
        }
        double[] ms;
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), shape)) {
            Runnable ortRun = () -> {
                try (OrtSession.Result r = ort.run(Map.of(input, t))) {
                    ((OnnxTensor) r.get(0)).getFloatBuffer();
                } catch (ai.onnxruntime.OrtException e) {
                    throw new IllegalStateException(e);
                }
            };
            ms = interleavedMedians(() -> nd4j.logits(x), ortRun, runs, warmup);
        }
        double nd4jMs = ms[0];
        double ortMs = ms[1];
        CompiledGraph g = nd4j.graphFor(n);
        Map<String, Double> byKind = null;
        if (profile) {
            INDArray arr = OnnxLoadedModel.toArray(x);
            EagerSchedule.Profile p = new EagerSchedule.Profile();
            g.run(Map.of(g.inputs().get(0), arr), g.outputs(), CompiledGraph.Executor.EAGER, p);
            byKind = new LinkedHashMap<>();
            List<Map.Entry<String, long[]>> entries = new ArrayList<>(p.byKind().entrySet());
            entries.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
            for (Map.Entry<String, long[]> e : entries) {
                byKind.put(e.getKey() + " ×" + e.getValue()[0], e.getValue()[1] / 1e6);
            }
            if (System.getProperty("bench.steps") != null) {
                p.steps().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(Integer.getInteger("bench.steps"))
                        .forEach(e -> System.err.printf("  step %8.3f ms  %s%n", e.getValue() / 1e6, e.getKey()));
            }
        }
        return new Result(m.name(), n, round(nd4jMs), round(ortMs), round(nd4jMs / ortMs), diff, g.opCount(), byKind);
    }

    private static void print(Result r) {
        System.out.printf("%-12s batch %2d: nd4j %8.1f ms  ort %8.1f ms  ratio %5.2f  max|Δlogit| %.2e  (%d ops)%n",
                r.model(), r.batch(), r.nd4jMs(), r.ortMs(), r.ratio(), r.maxAbsLogitDiff(), r.nd4jOps());
        if (r.nd4jProfileMs() != null) {
            double total = r.nd4jProfileMs().values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("    profiled run: %.1f ms in ops%n", total);
            r.nd4jProfileMs().forEach((k, v) -> System.out.printf("    %-28s %8.2f ms %5.1f %%%n", k, v, 100 * v / total));
        }
    }

    /** The directory libnd4jcpu.so was loaded from (linux-x86_64 or linux-x86_64-onednn), from /proc/self/maps. */
    private static String nativeFlavour() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith("libnd4jcpu.so"))
                    .map(l -> Path.of(l.substring(l.indexOf('/'))).getParent().getFileName().toString()).findFirst().orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static float[] flat(FloatBuffer b) {
        float[] f = new float[b.remaining()];
        b.get(f);
        return f;
    }

    private static Tensor random(int n, int c, int h, int w) {
        Random r = new Random(1);
        float[] v = new float[n * c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(new int[] {n, c, h, w}, v);
    }

    /**
     * Medians of {@code a} and {@code b} in milliseconds, timed alternately (a, b, a, b, …) so both
     * see the same machine load — this machine is shared, and load swings would otherwise bias the
     * ratio. A pause before each timed call lets the other engine's worker threads stop spinning
     * (ORT's pool and OpenMP both busy-wait for a while after a call), so neither starts on cores
     * the other still occupies.
     */
    private static double[] interleavedMedians(Runnable a, Runnable b, int runs, int warmup) {
        for (int i = 0; i < warmup; i++) {
            a.run();
            b.run();
        }
        double[] ta = new double[runs];
        double[] tb = new double[runs];
        for (int i = 0; i < runs; i++) {
            pause();
            long s = System.nanoTime();
            a.run();
            ta[i] = (System.nanoTime() - s) / 1e6;
            pause();
            s = System.nanoTime();
            b.run();
            tb[i] = (System.nanoTime() - s) / 1e6;
        }
        return new double[] {median(ta), median(tb)};
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Milliseconds between timed calls (see interleavedMedians). */
    private static final long PAUSE_MS = 50;

    private static double median(double[] t) {
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }

    /** The 1-minute load average (other processes compete for the cores), or NaN. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            if (key.equals("json") || key.equals("profile")) {
                opt.put(key, "true");
            } else if (i + 1 < args.length) {
                opt.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return opt;
    }
}
