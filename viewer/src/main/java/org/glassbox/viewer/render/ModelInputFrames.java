package org.glassbox.viewer.render;

import java.util.Objects;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * "What the model saw" as a displayable frame: a model input (C × H × W float32, in the range the
 * model's preprocessing produces) quantised to 16-bit stored values over that range, with a linear
 * window spanning the range, so the normal grey renderer (and the user's W/L) applies. One channel
 * (or identical replicated channels) becomes a MONOCHROME2 frame; three distinct channels an RGB frame.
 * Values outside the range are clamped; NaN becomes the range's low end.
 */
public final class ModelInputFrames {
    /** Stored values span 0..65535: finer than any 8-bit display step, exact for a [0, 1] input's float rounding at display. */
    static final int LEVELS = 65535;

    private ModelInputFrames() {
    }

    /** A frame and the pipeline that shows it as the model's input range, black to white. */
    public record DisplayFrame(FramePixels frame, GreyscalePipeline pipeline) {
        public DisplayFrame {
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(pipeline, "pipeline");
        }
    }

    /**
     * The per-channel value range a spec's preprocessing produces: [scaleMin, scaleMax], through
     * the normalisation when there is one ({@code (x − mean) / std}).
     *
     * @return {low, high} for channel {@code c}
     */
    public static double[] range(ModelInputSpec spec, int channel) {
        double low = spec.scaleMin();
        double high = spec.scaleMax();
        if (spec.normalisation() != null) {
            double mean = spec.normalisation().mean().get(channel);
            double std = spec.normalisation().std().get(channel);
            low = (low - mean) / std;
            high = (high - mean) / std;
        }
        return low <= high ? new double[] {low, high} : new double[] {high, low};
    }

    /**
     * @param chw      C × H × W row-major (C = 1 or 3)
     * @param spec     the preprocessing that produced it (for the value range per channel)
     * @throws IllegalArgumentException when the sizes disagree or C is not 1 or 3
     */
    public static DisplayFrame of(float[] chw, int channels, int height, int width, ModelInputSpec spec) {
        double[][] ranges = new double[channels][];
        for (int c = 0; c < channels; c++) {
            ranges[c] = range(spec, spec.normalisation() == null ? 0 : Math.min(c, spec.normalisation().mean().size() - 1));
        }
        return of(chw, channels, height, width, ranges);
    }

    /**
     * @param ranges {low, high} per channel (low &lt; high, finite)
     */
    public static DisplayFrame of(float[] chw, int channels, int height, int width, double[][] ranges) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("a model input to show has 1 or 3 channels, got " + channels);
        }
        int n = height * width;
        if (height < 1 || width < 1 || (long) channels * n != chw.length) {
            throw new IllegalArgumentException("a " + channels + "×" + height + "×" + width + " input needs " + (long) channels * n
                    + " values, got " + chw.length);
        }
        for (double[] r : ranges) {
            if (!(Double.isFinite(r[0]) && Double.isFinite(r[1]) && r[0] < r[1])) {
                throw new IllegalArgumentException("a value range needs finite low < high, got [" + r[0] + ", " + r[1] + "]");
            }
        }
        boolean grey = channels == 1 || identicalChannels(chw, n);
        if (grey) {
            int[] s = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = quantise(chw[i], ranges[0]);
            }
            PixelDescription d = new PixelDescription(height, width, 1, 1, 16, 16, 15, false, "MONOCHROME2");
            // Stored value k stands for low + k/LEVELS × (high − low); the window spans 0..LEVELS exactly.
            GreyscalePipeline p = new GreyscalePipeline(ModalityTransform.IDENTITY, Window.linear(LEVELS / 2.0 + 0.5, LEVELS + 1.0), false);
            return new DisplayFrame(new FramePixels(d, 0, s), p);
        }
        int[] s = new int[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                s[3 * i + c] = quantise(chw[c * n + i], ranges[c]);
            }
        }
        PixelDescription d = new PixelDescription(height, width, 1, 3, 16, 16, 15, false, "RGB");
        return new DisplayFrame(new FramePixels(d, 0, s), new GreyscalePipeline(ModalityTransform.IDENTITY, null, false));
    }

    static int quantise(float v, double[] range) {
        if (Float.isNaN(v)) {
            return 0;
        }
        double u = (v - range[0]) / (range[1] - range[0]);
        return (int) Math.round(Math.min(1, Math.max(0, u)) * LEVELS);
    }

    private static boolean identicalChannels(float[] chw, int n) {
        for (int i = 0; i < n; i++) {
            if (Float.compare(chw[i], chw[n + i]) != 0 || Float.compare(chw[i], chw[2 * n + i]) != 0) {
                return false;
            }
        }
        return true;
    }
}
