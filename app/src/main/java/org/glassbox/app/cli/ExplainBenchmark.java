package org.glassbox.app.cli;

import org.glassbox.app.workflow.ModelResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.cam.CamExplainer;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox bench explain --model M [--method gradcam,ig,...] [--batch B] [--runs N] [--json]}:
 * the cost of an explanation in forward passes, measured in one run. For B seeded random images
 * (standard normal, the model's input shape) it times the forward pass of the batch (logits) and
 * each method explaining the same B images (CAM methods: one batched gradient call; the others: B
 * explanations whose model calls are batched by B) after one warm-up run. Forward and explanation
 * runs alternate, N pairs per method; it reports the median times and two ratios: the median over
 * pairs of explanation ÷ forward, and that divided by the model evaluations per image — time per
 * evaluation ÷ forward time per image (for Integrated Gradients: time per step ÷ forward).
 */
@Command(name = "explain", description = "Explanation time against forward time, per method.")
final class ExplainBenchmark implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Package folder, .zip, .onnx, or registered model id.")
    String model;

    @Option(names = "--method", split = ",", paramLabel = "METHOD",
            description = "Methods to time (default gradcam,gradcam++,hirescam,ig; the ones not built are reported as such).")
    List<String> methods = List.of("gradcam", "gradcam++", "hirescam", "ig");

    @Option(names = "--batch", defaultValue = "1", paramLabel = "B", description = "Images per forward pass and per CAM call (default 1).")
    int batch;

    @Option(names = "--eval-batch", paramLabel = "E",
            description = "Batch size explainers use for their own model evaluations (IG steps, SHAP coalitions; default B).")
    Integer evalBatch;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "Forward/explanation run pairs per method; medians are reported (default 5).")
    int runs;

    @Option(names = "--target", defaultValue = "0", paramLabel = "K", description = "Output explained (default 0).")
    int target;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Method option passed to every explainer, e.g. layer=NAME or steps=32.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the random images (default 0).")
    long seed;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Mixin
    WorkspaceOption workspace;

    @Mixin
    BareOnnxFlags onnx;

    @Spec
    CommandSpec spec;

    /**
     * One method's figures.
     *
     * @param method             CLI name
     * @param forwardMs          median time of the logits of B images, ms (runs paired with this method's)
     * @param explainMs          median time to explain the same B images, ms
     * @param ratio              median over the run pairs of explanation time ÷ forward time
     * @param evaluationsPerImage model evaluations one explanation reports (CAM 1, IG its steps + 1…)
     * @param perEvaluationRatio ratio ÷ evaluationsPerImage: time per model evaluation ÷ forward time per image
     * @param error              why the method could not be timed (then the figures are NaN), or null
     */
    record Result(String method, double forwardMs, double explainMs, double ratio, double evaluationsPerImage,
                  double perEvaluationRatio, String error) {
    }

    /** The whole run, as printed with {@code --json}. */
    record Report(String model, String engine, List<Integer> inputShape, int batch, int evalBatch, int runs, int target,
                  Map<String, String> options, List<Result> results) {
    }

    @Override
    public Integer call() throws IOException {
        if (batch < 1 || runs < 1 || (evalBatch != null && evalBatch < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch, --eval-batch and --runs must be >= 1");
        }
        List<ExplanationMethod> wanted = new ArrayList<>();
        for (String m : methods) {
            try {
                wanted.add(ExplanationMethod.fromCliName(m));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        LoadedModel loaded;
        try (ModelPackage pkg = new ModelResolver().open(model, onnx.options(), workspace.root().resolve("catalog.sqlite"))) {
            loaded = Engines.discover().load(pkg);
        }
        try (LoadedModel m = loaded) {
            int outputs = m.descriptor().labels().size();
            if (target < 0 || target >= outputs) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--target " + target + " is outside [0, " + outputs + ")");
            }
            List<Tensor> images = images(m.descriptor().inputShape());
            Tensor stacked = stack(images);
            m.logits(stacked);
            List<Result> results = new ArrayList<>();
            for (ExplanationMethod method : wanted) {
                results.add(measure(m, method, images, stacked));
            }
            Report report = new Report(model, m.executionSummary(), m.descriptor().inputShape(), batch,
                    evalBatch == null ? batch : evalBatch, runs, target, options, results);
            print(report);
            return results.stream().allMatch(r -> r.error() == null) ? GlassBoxCli.EXIT_OK : GlassBoxCli.EXIT_FAILED;
        }
    }

    private Result measure(LoadedModel m, ExplanationMethod method, List<Tensor> images, Tensor stacked) {
        Explainer explainer;
        try {
            explainer = Explainers.create(method, m, options);
        } catch (RuntimeException e) {
            return failed(method, e);
        }
        ExplainSettings settings = ExplainSettings.defaults().withBatchSize(evalBatch == null ? batch : evalBatch);
        long[] evaluations = new long[1];
        Runnable explainOnce = () -> {
            List<Explanation> done = explainer instanceof CamExplainer cam ? cam.explainAll(images, target, settings)
                    : images.stream().map(x -> explainer.explain(x, target, settings)).toList();
            evaluations[0] = done.stream().mapToLong(Explanation::modelEvaluations).sum();
        };
        try {
            explainOnce.run();
            // Forward and explanation alternate, and each ratio pairs the two neighbouring runs: on a
            // shared machine the load drifts between runs, and it drifts less within a pair.
            double[] forward = new double[runs];
            double[] explain = new double[runs];
            double[] ratio = new double[runs];
            for (int i = 0; i < runs; i++) {
                forward[i] = time(() -> m.logits(stacked));
                explain[i] = time(explainOnce);
                ratio[i] = explain[i] / forward[i];
            }
            double forwardMs = median(forward);
            double perImage = (double) evaluations[0] / images.size();
            double r = median(ratio);
            return new Result(method.cliName(), forwardMs, median(explain), r, perImage, r / perImage, null);
        } catch (RuntimeException e) {
            return failed(method, e);
        }
    }

    private static Result failed(ExplanationMethod method, RuntimeException e) {
        return new Result(method.cliName(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, CliErrors.oneLine(e));
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private List<Tensor> images(List<Integer> chw) {
        int[] shape = chw.stream().mapToInt(Integer::intValue).toArray();
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        SplittableRandom random = new SplittableRandom(seed);
        List<Tensor> images = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] v = new float[size];
            for (int p = 0; p < size; p++) {
                // Box-Muller: SplittableRandom has no nextGaussian on JDK 17.
                v[p] = (float) (Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble()));
            }
            images.add(new Tensor(shape, v));
        }
        return images;
    }

    private static Tensor stack(List<Tensor> images) {
        int[] one = images.get(0).shape();
        int[] shape = new int[one.length + 1];
        shape[0] = images.size();
        System.arraycopy(one, 0, shape, 1, one.length);
        float[] data = new float[images.get(0).size() * images.size()];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(data, i * images.get(0).size());
        }
        return new Tensor(shape, data);
    }

    private void print(Report report) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, report);
            return;
        }
        out.println("model " + report.model() + " (" + report.engine() + "), input " + report.inputShape() + ", batch " + batch
                + ", explainers' evaluation batch " + report.evalBatch() + ", median of " + runs + " run pairs");
        for (Result r : report.results()) {
            if (r.error() != null) {
                out.println(String.format(Locale.ROOT, "%-14s not timed: %s", r.method(), r.error()));
            } else {
                out.println(String.format(Locale.ROOT,
                        "%-14s forward %9.1f ms  explain %10.1f ms  explain/forward %6.2fx  (%s evaluations/image, per evaluation %5.2fx forward)",
                        r.method(), r.forwardMs(), r.explainMs(), r.ratio(), fmt(r.evaluationsPerImage()), r.perEvaluationRatio()));
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
