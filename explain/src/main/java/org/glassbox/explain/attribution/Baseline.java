package org.glassbox.explain.attribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;

/**
 * The reference image an attribution compares against: the path start of Integrated Gradients, the
 * fill of masked superpixels for SHAP. All values are in the model's input space (after
 * preprocessing), C × H × W like the explained image.
 *
 * <ul>
 *   <li>{@link Kind#BLACK}: every input value 0. For models scaled to [0, 1] (GlassBox's demo models)
 *       that is black; for a model normalised with a mean and standard deviation it is the
 *       normalisation mean — pass an {@code image} baseline for true black there.</li>
 *   <li>{@link Kind#BLUR}: the explained image through a Gaussian blur of standard deviation
 *       {@code sigma} pixels (BoofCV, borders renormalised).</li>
 *   <li>{@link Kind#MEAN}: a dataset mean image supplied by the caller ({@code mean-image=PATH.npy});
 *       without a file, each channel's mean value over the explained image.</li>
 *   <li>{@link Kind#IMAGE}: any caller-supplied image ({@code baseline-image=PATH.npy}).</li>
 * </ul>
 * Image files are {@code .npy} float arrays shaped C × H × W, 1 × C × H × W or H × W (then used for
 * every channel); a file whose size is not the image's is refused when applied.
 *
 * @param kind  which reference
 * @param sigma Gaussian standard deviation in pixels for {@link Kind#BLUR} (&gt; 0), ignored otherwise
 * @param image the supplied image for {@link Kind#MEAN} (or null: per-channel mean) and {@link Kind#IMAGE}
 * @param source where the supplied image came from (for messages and the parameters), or null
 */
public record Baseline(Kind kind, double sigma, Tensor image, String source) {

    public enum Kind { BLACK, BLUR, MEAN, IMAGE }

    /** Default Gaussian sigma for {@code blur}, in pixels. */
    public static final double DEFAULT_SIGMA = 8.0;

    public Baseline {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.BLUR && !(sigma > 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("blur sigma must be a positive number of pixels, got " + sigma);
        }
        if (kind == Kind.IMAGE && image == null) {
            throw new IllegalArgumentException("an image baseline needs an image");
        }
    }

    public static Baseline black() {
        return new Baseline(Kind.BLACK, DEFAULT_SIGMA, null, null);
    }

    public static Baseline blur(double sigma) {
        return new Baseline(Kind.BLUR, sigma, null, null);
    }

    /** A supplied image (C × H × W, 1 × C × H × W or H × W) used as it is. */
    public static Baseline image(Tensor image, String source) {
        return new Baseline(Kind.IMAGE, DEFAULT_SIGMA, image, source);
    }

    /**
     * Reads {@code <key>=black|blur|mean|image} with {@code sigma}, {@code mean-image} and
     * {@code baseline-image}.
     */
    static Baseline read(OptionReader options, String key, Kind fallback) {
        Kind kind = options.choice(key, fallback, Kind.class);
        double sigma = options.decimal("sigma", DEFAULT_SIGMA, 1e-3, 1e4);
        Path meanImage = options.path("mean-image");
        Path baselineImage = options.path("baseline-image");
        return switch (kind) {
            case BLACK -> black();
            case BLUR -> blur(sigma);
            case MEAN -> new Baseline(Kind.MEAN, sigma, meanImage == null ? null : load(meanImage), nameOf(meanImage));
            case IMAGE -> {
                if (baselineImage == null) {
                    throw options.bad(key, "image", "needs baseline-image=PATH.npy");
                }
                yield image(load(baselineImage), nameOf(baselineImage));
            }
        };
    }

    /** Short text for an explanation's parameters, e.g. {@code blur(sigma=8.0)}. */
    public String describe() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case BLACK -> name;
            case BLUR -> name + "(sigma=" + sigma + ")";
            case MEAN -> image == null ? name + "(per-channel)" : name + "(" + source + ")";
            case IMAGE -> name + "(" + source + ")";
        };
    }

    /**
     * The baseline for {@code image} (C × H × W), as a new C × H × W array.
     *
     * @throws IllegalArgumentException when a supplied image does not match the image's size
     */
    public float[] valuesFor(Tensor image) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException("expected one image C×H×W, got " + image);
        }
        int channels = image.dim(0);
        int height = image.dim(1);
        int width = image.dim(2);
        int area = height * width;
        float[] x = image.data();
        return switch (kind) {
            case BLACK -> new float[x.length];
            case BLUR -> GaussianBlur.blur(x, channels, height, width, sigma);
            case MEAN -> this.image == null ? channelMeans(x, channels, area) : broadcast(channels, height, width);
            case IMAGE -> broadcast(channels, height, width);
        };
    }

    private float[] broadcast(int channels, int height, int width) {
        int[] s = image.shape();
        int[] chw = switch (s.length) {
            case 2 -> new int[] {1, s[0], s[1]};
            case 3 -> s;
            case 4 -> s[0] == 1 ? new int[] {s[1], s[2], s[3]} : null;
            default -> null;
        };
        if (chw == null || chw[1] != height || chw[2] != width || (chw[0] != channels && chw[0] != 1)) {
            throw new IllegalArgumentException("baseline image " + source + " is " + Arrays.toString(s)
                    + ", the explained image is " + channels + "×" + height + "×" + width
                    + " (expected C×H×W, 1×C×H×W or H×W of the same size)");
        }
        float[] v = image.data();
        if (chw[0] == channels) {
            return v;
        }
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(v, 0, out, c * v.length, v.length);
        }
        return out;
    }

    private static float[] channelMeans(float[] x, int channels, int area) {
        float[] out = new float[x.length];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int p = 0; p < area; p++) {
                sum += x[c * area + p];
            }
            Arrays.fill(out, c * area, (c + 1) * area, (float) (sum / area));
        }
        return out;
    }

    /** Reads a float image from a {@code .npy} file; any failure names the file. */
    static Tensor load(Path file) {
        try {
            NpyArray array = NpyIO.read(file);
            return new Tensor(array.shape(), array.toFloatArray());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read image " + file + ": " + e.getMessage(), e);
        }
    }

    private static String nameOf(Path file) {
        return file == null ? null : file.toString();
    }
}
