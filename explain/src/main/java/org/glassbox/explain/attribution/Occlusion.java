package org.glassbox.explain.attribution;

import java.util.ArrayList;
import java.util.List;
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
 * Occlusion sensitivity (Zeiler &amp; Fergus 2014): a {@code window × window} square of every channel is
 * set to {@code fill}, at top-left corners 0, stride, 2·stride… and, when the stride does not land on
 * it, the last position that touches the border (so every pixel is covered). Each window's drop is
 * f(image) − f(occluded); a pixel's map value is the mean drop of the windows covering it (positive:
 * hiding it lowers the output). The feature map holds the drops on the grid of window positions.
 */
public final class Occlusion implements Explainer {

    /**
     * @param window side of the square window in pixels, ≥ 1 (default 16)
     * @param stride step between windows in pixels, ≥ 1 (default 8)
     * @param fill   value written into the window, in model-input units (default 0: black for [0, 1] inputs)
     * @param output which output's drop is measured (default score)
     */
    public record Options(int window, int stride, float fill, ShapOutput output) {
        public static final int DEFAULT_WINDOW = 16;
        public static final int DEFAULT_STRIDE = 8;

        public Options {
            if (window < 1 || stride < 1) {
                throw new IllegalArgumentException("occlusion: window and stride must be at least 1, got " + window + ", " + stride);
            }
            if (!Float.isFinite(fill)) {
                throw new IllegalArgumentException("occlusion: fill must be a finite number, got " + fill);
            }
            Objects.requireNonNull(output, "output");
        }

        public static Options defaults() {
            return new Options(DEFAULT_WINDOW, DEFAULT_STRIDE, 0f, ShapOutput.SCORE);
        }

        /** Options {@code window}, {@code stride}, {@code fill}, {@code output} (score|logit). */
        public static Options fromMap(Map<String, String> options) {
            OptionReader r = new OptionReader("occlusion", options);
            Options o = new Options(r.integer("window", DEFAULT_WINDOW, 1, 1 << 16),
                    r.integer("stride", DEFAULT_STRIDE, 1, 1 << 16), (float) r.decimal("fill", 0, -1e30, 1e30),
                    r.choice("output", ShapOutput.SCORE, ShapOutput.class));
            r.finish();
            return o;
        }
    }

    private final ExplainableModel model;
    private final Options options;

    public Occlusion(ExplainableModel model, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public ExplanationMethod method() {
        return ExplanationMethod.OCCLUSION;
    }

    @Override
    public Explanation explain(Tensor image, int target, ExplainSettings settings) {
        long start = System.nanoTime();
        ModelCalls.check(model, image, target);
        int channels = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        int window = options.window();
        if (window > h || window > w) {
            throw new IllegalArgumentException("occlusion: window " + window + " is larger than the image " + h + "×" + w);
        }
        int[] ys = positions(h, window, options.stride());
        int[] xs = positions(w, window, options.stride());
        int count = ys.length * xs.length;
        float[] x = image.data();
        int size = x.length;
        int area = h * w;
        double reference = ModelCalls.outputs(model, ModelCalls.asBatch(image), target, options.output())[0];
        double[] drops = new double[count];
        for (int first = 0; first < count; first += settings.batchSize()) {
            ModelCalls.checkCancelled(settings, "occlusion");
            int n = Math.min(settings.batchSize(), count - first);
            float[] batch = new float[n * size];
            for (int i = 0; i < n; i++) {
                int k = first + i;
                System.arraycopy(x, 0, batch, i * size, size);
                int y0 = ys[k / xs.length];
                int x0 = xs[k % xs.length];
                for (int c = 0; c < channels; c++) {
                    for (int y = y0; y < y0 + window; y++) {
                        int row = i * size + c * area + y * w;
                        java.util.Arrays.fill(batch, row + x0, row + x0 + window, options.fill());
                    }
                }
            }
            double[] v = ModelCalls.outputs(model, new Tensor(new int[] {n, channels, h, w}, batch), target, options.output());
            for (int i = 0; i < n; i++) {
                drops[first + i] = reference - v[i];
            }
            settings.progress().update((double) (first + n) / count, "occlusion: " + (first + n) + "/" + count + " windows");
        }
        double[] sum = new double[area];
        int[] covered = new int[area];
        for (int k = 0; k < count; k++) {
            int y0 = ys[k / xs.length];
            int x0 = xs[k % xs.length];
            for (int y = y0; y < y0 + window; y++) {
                for (int xx = x0; xx < x0 + window; xx++) {
                    sum[y * w + xx] += drops[k];
                    covered[y * w + xx]++;
                }
            }
        }
        float[] map = new float[area];
        for (int p = 0; p < area; p++) {
            map[p] = (float) (sum[p] / covered[p]);
        }
        float[] grid = new float[count];
        for (int k = 0; k < count; k++) {
            grid[k] = (float) drops[k];
        }
        float[] out = ModelCalls.logitAndScore(model, image, target);
        Map<String, String> parameters = Map.of("window", Integer.toString(window),
                "stride", Integer.toString(options.stride()), "fill", Float.toString(options.fill()),
                "output", OptionReader.cliName(options.output()));
        return new Explanation(method(), target, parameters, new SaliencyMap(h, w, map),
                new SaliencyMap(ys.length, xs.length, grid), out[0], out[1], count + 2L, System.nanoTime() - start);
    }

    /** Window starts 0, stride, … ≤ length − window, plus length − window if the stride skips it. */
    static int[] positions(int length, int window, int stride) {
        List<Integer> starts = new ArrayList<>();
        for (int p = 0; p <= length - window; p += stride) {
            starts.add(p);
        }
        if (starts.get(starts.size() - 1) != length - window) {
            starts.add(length - window);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
