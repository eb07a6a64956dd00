package org.glassbox.explain.attribution;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;

/**
 * Expected Gradients (Erion et al. 2021; SHAP's {@code GradientExplainer}) of the target logit:
 * E_{x'∼R, α∼U(0,1)} [(x − x') ⊙ ∇f(x' + α(x − x'))], estimated with {@code samples} draws of a
 * reference image x' (uniformly from the reference set) and a point α, both from the settings' seed.
 * Its expectation sums to f(x) − E[f(x')]. Without a reference set the single {@code baseline} is the
 * reference, which makes it Integrated Gradients with random (Monte Carlo) points.
 */
public final class ExpectedGradients implements Explainer {

    /**
     * @param samples    gradient evaluations, ≥ 1 (default 64)
     * @param references reference images N × C × H × W (or C × H × W for one), or null to use {@code baseline}
     * @param source     where the references came from, for the parameters (null when none)
     * @param baseline   the single reference when {@code references} is null (default black)
     */
    public record Options(int samples, Tensor references, String source, Baseline baseline) {
        public static final int DEFAULT_SAMPLES = 64;

        public Options {
            if (samples < 1) {
                throw new IllegalArgumentException("eg: samples must be at least 1, got " + samples);
            }
            Objects.requireNonNull(baseline, "baseline");
            if (references != null && references.rank() != 3 && references.rank() != 4) {
                throw new IllegalArgumentException("eg: reference set " + source + " must be N×C×H×W, got " + references);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_SAMPLES, null, null, Baseline.black());
        }

        /**
         * Options {@code samples}, {@code reference} (PATH.npy, N × C × H × W), and when no reference set is
         * given {@code baseline} (black|blur|mean|image) with {@code sigma}, {@code mean-image}, {@code baseline-image}.
         */
        public static Options fromMap(Map<String, String> options) {
            OptionReader r = new OptionReader("eg", options);
            int samples = r.integer("samples", DEFAULT_SAMPLES, 1, 100_000);
            Path reference = r.path("reference");
            Baseline baseline = Baseline.read(r, "baseline", Baseline.Kind.BLACK);
            r.finish();
            return new Options(samples, reference == null ? null : Baseline.load(reference),
                    reference == null ? null : reference.toString(), baseline);
        }
    }

    private final ExplainableModel model;
    private final Options options;

    public ExpectedGradients(ExplainableModel model, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.EXPECTED_GRADIENTS;
    }

    @Override
    public Explanation explain(Tensor image, int target, ExplainSettings settings) {
        long start = System.nanoTime();
        ModelCalls.check(model, image, target);
        float[][] references = references(image);
        int samples = options.samples();
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] chosen = new int[samples];
        double[] alphas = new double[samples];
        for (int k = 0; k < samples; k++) {
            chosen[k] = random.nextInt(references.length);
            alphas[k] = random.nextDouble();
        }
        double[] attribution = PathIntegral.integrate(model, image, target, samples, new PathIntegral.Points() {
            @Override
            public float[] baseline(int k) {
                return references[chosen[k]];
            }

            @Override
            public double alpha(int k) {
                return alphas[k];
            }

            @Override
            public double weight(int k) {
                return 1.0 / samples;
            }
        }, settings, "eg");
        float[] out = ModelCalls.logitAndScore(model, image, target);
        int h = image.dim(1);
        int w = image.dim(2);
        SaliencyMap map = new SaliencyMap(h, w, ModelCalls.sumChannels(attribution, image.dim(0), h * w));
        Map<String, String> parameters = Map.of("samples", Integer.toString(samples),
                "reference", options.references() == null ? options.baseline().describe() : options.source(),
                "seed", Long.toString(settings.seed()), "output", "logit");
        return new Explanation(method(), target, parameters, map, null, out[0], out[1], samples + 1L,
                System.nanoTime() - start);
    }

    private float[][] references(Tensor image) {
        Tensor set = options.references();
        if (set == null) {
            return new float[][] {options.baseline().valuesFor(image)};
        }
        int[] s = set.shape();
        int[] want = image.shape();
        int[] chw = s.length == 4 ? Arrays.copyOfRange(s, 1, 4) : s;
        if (!Arrays.equals(chw, want)) {
            throw new IllegalArgumentException("eg: reference set " + options.source() + " is " + Arrays.toString(s)
                    + ", the explained image is " + Arrays.toString(want) + " (expected N×C×H×W of the same size)");
        }
        int n = s.length == 4 ? s[0] : 1;
        if (n == 0) {
            throw new IllegalArgumentException("eg: reference set " + options.source() + " is empty");
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = s.length == 4 ? set.slice(i).data() : set.data();
        }
        return out;
    }
}
