package org.glassbox.explain.attribution;

import java.util.Map;
import java.util.Objects;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;

/**
 * Integrated Gradients (Sundararajan et al. 2017) of the target <em>logit</em>: (x − x') ⊙ ∫₀¹
 * ∇f(x' + α(x − x')) dα, the integral by a {@link QuadratureRule} with {@code steps} gradients. The map
 * is the attribution summed over channels, at input resolution; by completeness it sums to
 * f(x) − f(x') up to the quadrature error. No feature map.
 */
public final class IntegratedGradients implements Explainer {

    /**
     * @param steps    gradient evaluations along the path, ≥ 1 (default 64)
     * @param rule     quadrature rule (default Gauss–Legendre, as Captum)
     * @param baseline the path start x' (default black)
     */
    public record Options(int steps, QuadratureRule rule, Baseline baseline) {
        public static final int DEFAULT_STEPS = 64;

        public Options {
            if (steps < 1) {
                throw new IllegalArgumentException("ig: steps must be at least 1, got " + steps);
            }
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(baseline, "baseline");
        }

        public static Options defaults() {
            return new Options(DEFAULT_STEPS, QuadratureRule.GAUSS_LEGENDRE, Baseline.black());
        }

        /**
         * Options {@code steps}, {@code rule} (riemann-left|riemann-right|riemann-middle|riemann-trapezoid|
         * gauss-legendre), {@code baseline} (black|blur|mean|image) with {@code sigma}, {@code mean-image},
         * {@code baseline-image}.
         *
         * @throws IllegalArgumentException for an unknown option or a bad value, naming it
         */
        public static Options fromMap(Map<String, String> options) {
            OptionReader r = new OptionReader("ig", options);
            Options o = new Options(r.integer("steps", DEFAULT_STEPS, 1, 100_000),
                    r.choice("rule", QuadratureRule.GAUSS_LEGENDRE, QuadratureRule.class),
                    Baseline.read(r, "baseline", Baseline.Kind.BLACK));
            r.finish();
            return o;
        }
    }

    private final ExplainableModel model;
    private final Options options;

    public IntegratedGradients(ExplainableModel model, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.INTEGRATED_GRADIENTS;
    }

    @Override
    public Explanation explain(Tensor image, int target, ExplainSettings settings) {
        long start = System.nanoTime();
        ModelCalls.check(model, image, target);
        float[] baseline = options.baseline().valuesFor(image);
        int steps = options.steps();
        double[] alphas = options.rule().alphas(steps);
        double[] weights = options.rule().weights(steps);
        double[] attribution = PathIntegral.integrate(model, image, target, steps, new PathIntegral.Points() {
            @Override
            public float[] baseline(int k) {
                return baseline;
            }

            @Override
            public double alpha(int k) {
                return alphas[k];
            }

            @Override
            public double weight(int k) {
                return weights[k];
            }
        }, settings, "ig");
        float[] out = ModelCalls.logitAndScore(model, image, target);
        int h = image.dim(1);
        int w = image.dim(2);
        SaliencyMap map = new SaliencyMap(h, w, ModelCalls.sumChannels(attribution, image.dim(0), h * w));
        Map<String, String> parameters = Map.of("steps", Integer.toString(steps),
                "rule", OptionReader.cliName(options.rule()), "baseline", options.baseline().describe(), "output", "logit");
        return new Explanation(method(), target, parameters, map, null, out[0], out[1], steps + 1L,
                System.nanoTime() - start);
    }
}
