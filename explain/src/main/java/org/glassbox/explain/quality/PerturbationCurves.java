package org.glassbox.explain.quality;

import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;

/**
 * Deletion and insertion curves (Petsiuk, Das and Saenko 2018, "RISE"): pixels are removed from
 * (deletion) or restored into (insertion) the image in the order a map ranks them, in {@code steps}
 * equal steps; the target's score is recorded after each step. A faithful map makes the deletion
 * score fall fast (small AUC) and the insertion score rise fast (large AUC). A removed pixel takes
 * the value of the {@link Fill} image in every channel. The {@code steps + 1} perturbed images are
 * sent through the model in batches of {@link ExplainSettings#batchSize()}.
 */
public final class PerturbationCurves {
    /** Default blur σ as a fraction of the image width (RISE used a strong blur, σ ≈ 5 % of 224 px). */
    public static final double DEFAULT_BLUR_SIGMA_FRACTION = 0.05;

    /**
     * @param steps     number of equal steps from 0 to all pixels, ≥ 1 (the curve has steps + 1 points)
     * @param fill      what replaces a removed pixel
     * @param blurSigma σ in pixels for {@link Fill#BLUR}; ≤ 0 means {@link #DEFAULT_BLUR_SIGMA_FRACTION} of the width
     */
    public record Options(int steps, Fill fill, double blurSigma) {
        public Options {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be at least 1, got " + steps);
            }
            java.util.Objects.requireNonNull(fill, "fill");
        }

        /** 50 steps, blur fill, default σ. */
        public static Options defaults() {
            return new Options(50, Fill.BLUR, 0);
        }
    }

    private final Classifier model;
    private final Options options;

    public PerturbationCurves(Classifier model, Options options) {
        this.model = model;
        this.options = options;
    }

    /** @param image one preprocessed image, C × H × W, the map's H × W */
    public Curve deletion(Tensor image, int target, PixelRanking ranking, ExplainSettings settings) {
        return curve(Curve.Kind.DELETION, image, target, ranking, settings);
    }

    public Curve insertion(Tensor image, int target, PixelRanking ranking, ExplainSettings settings) {
        return curve(Curve.Kind.INSERTION, image, target, ranking, settings);
    }

    private Curve curve(Curve.Kind kind, Tensor image, int target, PixelRanking ranking, ExplainSettings settings) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException("expected one C×H×W image, got " + image);
        }
        int c = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        if (ranking.height() != h || ranking.width() != w) {
            throw new IllegalArgumentException("map is " + ranking.height() + "×" + ranking.width() + " but the image is " + h + "×" + w);
        }
        int outputs = model.descriptor().labels().size();
        if (target < 0 || target >= outputs) {
            throw new IllegalArgumentException("target " + target + " outside [0, " + outputs + ")");
        }
        float[] original = image.data();
        double sigma = options.blurSigma() > 0 ? options.blurSigma() : DEFAULT_BLUR_SIGMA_FRACTION * w;
        float[] filled = options.fill().filled(original, c, h, w, sigma);
        // deletion starts from the image and pastes fill; insertion starts from the fill and pastes the image
        float[] start = kind == Curve.Kind.DELETION ? original : filled;
        float[] paste = kind == Curve.Kind.DELETION ? filled : original;
        int area = h * w;
        int steps = options.steps();
        double[] x = new double[steps + 1];
        double[] y = new double[steps + 1];
        int batch = settings.batchSize();
        float[] current = start.clone();
        int changed = 0;
        float[] buffer = new float[Math.min(batch, steps + 1) * original.length];
        int inBuffer = 0;
        int firstInBuffer = 0;
        for (int k = 0; k <= steps; k++) {
            x[k] = (double) k / steps;
            int upTo = (int) Math.round(x[k] * area);
            for (; changed < upTo; changed++) {
                int p = ranking.pixelAt(changed);
                for (int ch = 0; ch < c; ch++) {
                    current[ch * area + p] = paste[ch * area + p];
                }
            }
            System.arraycopy(current, 0, buffer, inBuffer * original.length, original.length);
            inBuffer++;
            if (inBuffer * original.length == buffer.length || k == steps) {
                if (settings.cancel().isCancelled()) {
                    throw new CancellationException(kind.name().toLowerCase(java.util.Locale.ROOT) + " curve cancelled");
                }
                float[] data = inBuffer * original.length == buffer.length ? buffer.clone()
                        : java.util.Arrays.copyOf(buffer, inBuffer * original.length);
                float[][] scores = model.scores(new Tensor(new int[] {inBuffer, c, h, w}, data));
                for (int i = 0; i < inBuffer; i++) {
                    y[firstInBuffer + i] = scores[i][target];
                }
                firstInBuffer += inBuffer;
                inBuffer = 0;
                settings.progress().update((double) firstInBuffer / (steps + 1), kind.name().toLowerCase(java.util.Locale.ROOT) + " curve");
            }
        }
        return new Curve(kind, x, y, Curve.trapezoid(x, y), steps + 1L);
    }
}
