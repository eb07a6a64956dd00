package org.glassbox.core.imaging;

import org.glassbox.core.model.FramePixels;

/**
 * Runs a {@link ModelInputSpec} on one decoded frame: the model's input is computed by the same
 * {@link GreyscalePipeline} the viewer renders with (modality LUT, VOI window or LUT, MONOCHROME1
 * inversion), then scaled, resized, cropped, replicated and normalised in the documented order.
 * Pure Java, no ND4J: explanations and the viewer ("what the model saw") can call it too.
 *
 * <p>Each step is public so a caller can show an intermediate image (e.g. the windowed frame before
 * resize). Never NaN for finite parameters.
 */
public final class ModelInput {
    private ModelInput() {
    }

    /**
     * The whole chain.
     *
     * @return channels × H × W, where H × W is the crop size, else the resize output, else the frame's
     * @throws IllegalArgumentException for a colour frame and a 1-channel model, or a crop larger than the image
     */
    public static PlanarImage prepare(ModelInputSpec spec, PresentationParameters parameters, FramePixels frame) {
        PlanarImage unit = windowed(spec.windowing(), parameters, frame);
        if (unit.channels() == 3 && spec.channels() == 1) {
            throw new IllegalArgumentException("a colour (" + frame.description().photometricInterpretation()
                    + ") image cannot feed a 1-channel model");
        }
        PlanarImage scaled = scaled(unit, spec.scaleMin(), spec.scaleMax());
        PlanarImage resized = spec.resize() == null ? scaled : resized(scaled, spec.resize());
        PlanarImage cropped = spec.cropSize() == 0 ? resized : centreCrop(resized, spec.cropSize());
        PlanarImage channels = cropped.channels() == spec.channels() ? cropped : replicated(cropped, spec.channels());
        return spec.normalisation() == null ? channels : normalised(channels, spec.normalisation());
    }

    /** The output height and width {@link #prepare} gives for a frame of the given size. */
    public static int[] outputSize(ModelInputSpec spec, int rows, int columns) {
        if (spec.cropSize() > 0) {
            return new int[] {spec.cropSize(), spec.cropSize()};
        }
        if (spec.resize() != null) {
            return resizedSize(spec.resize(), rows, columns);
        }
        return new int[] {rows, columns};
    }

    /**
     * Stored values → [0, 1] as displayed, planar (a colour frame becomes 3 planes R, G, B).
     * dicom-voi and minmax are {@link ImagePresentation#DEFAULT_VOI} and {@link ImagePresentation#MIN_MAX};
     * explicit is a LINEAR window with the file's modality stage and inversion.
     */
    public static PlanarImage windowed(ModelInputSpec.Windowing windowing, PresentationParameters parameters, FramePixels frame) {
        GreyscalePipeline pipeline = switch (windowing.mode()) {
            case DICOM_VOI -> ImagePresentation.of(parameters, ImagePresentation.DEFAULT_VOI);
            case MINMAX -> ImagePresentation.of(parameters, ImagePresentation.MIN_MAX);
            case EXPLICIT -> new GreyscalePipeline(parameters.modality(), Window.linear(windowing.centre(), windowing.width()),
                    parameters.inverted());
        };
        float[] unit = pipeline.toUnit(frame);
        int h = frame.rows();
        int w = frame.columns();
        int spp = frame.description().samplesPerPixel();
        if (spp == 1) {
            return new PlanarImage(1, h, w, unit);
        }
        // toUnit gives colour-by-pixel (R, G, B, R, …); models take planes.
        float[] planar = new float[unit.length];
        int n = h * w;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < spp; c++) {
                planar[c * n + i] = unit[i * spp + c];
            }
        }
        return new PlanarImage(spp, h, w, planar);
    }

    /** Linear map of [0, 1] onto [min, max]: {@code min + v × (max − min)}. */
    public static PlanarImage scaled(PlanarImage image, double min, double max) {
        if (min == 0 && max == 1) {
            return image;
        }
        float[] v = image.data();
        double range = max - min;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (min + v[i] * range);
        }
        return new PlanarImage(image.channels(), image.height(), image.width(), v);
    }

    /** Exact (size × size) or shorter-side resize. */
    public static PlanarImage resized(PlanarImage image, ModelInputSpec.Resize resize) {
        int[] hw = resizedSize(resize, image.height(), image.width());
        return Resampling.resize(image, hw[0], hw[1], resize.filter());
    }

    /** {height, width} after the resize; shorter-side truncates the longer side as torchvision does ({@code int(size × long / short)}). */
    public static int[] resizedSize(ModelInputSpec.Resize resize, int rows, int columns) {
        int s = resize.size();
        if (!resize.shorterSide()) {
            return new int[] {s, s};
        }
        if (rows <= columns) {
            return new int[] {s, (int) ((double) s * columns / rows)};
        }
        return new int[] {(int) ((double) s * rows / columns), s};
    }

    /**
     * A centred size × size crop. The offset is {@code round((dim − size) / 2)} with ties to even,
     * as torchvision's {@code CenterCrop} (Python's round).
     *
     * @throws IllegalArgumentException when the image is smaller than the crop
     */
    public static PlanarImage centreCrop(PlanarImage image, int size) {
        int h = image.height();
        int w = image.width();
        if (size > h || size > w) {
            throw new IllegalArgumentException("image " + h + "x" + w + " is smaller than the " + size + "x" + size + " centre crop");
        }
        if (size == h && size == w) {
            return image;
        }
        int top = (int) Math.rint((h - size) / 2.0);
        int left = (int) Math.rint((w - size) / 2.0);
        float[] src = image.raw();
        float[] out = new float[image.channels() * size * size];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < size; y++) {
                System.arraycopy(src, (c * h + top + y) * w + left, out, (c * size + y) * size, size);
            }
        }
        return new PlanarImage(image.channels(), size, size, out);
    }

    /** A grey image copied into {@code channels} identical planes. */
    public static PlanarImage replicated(PlanarImage image, int channels) {
        if (image.channels() != 1) {
            throw new IllegalArgumentException("only a 1-channel image can be replicated, this one has " + image.channels());
        }
        int n = image.size();
        float[] out = new float[n * channels];
        for (int c = 0; c < channels; c++) {
            image.copyTo(out, c * n);
        }
        return new PlanarImage(channels, image.height(), image.width(), out);
    }

    /** {@code (x − mean[c]) / std[c]} per channel. */
    public static PlanarImage normalised(PlanarImage image, ModelInputSpec.Normalisation normalisation) {
        if (normalisation.mean().size() != image.channels()) {
            throw new IllegalArgumentException("normalisation has " + normalisation.mean().size() + " channels, the image " + image.channels());
        }
        float[] v = image.data();
        int n = image.height() * image.width();
        for (int c = 0; c < image.channels(); c++) {
            double mean = normalisation.mean().get(c);
            double std = normalisation.std().get(c);
            for (int i = c * n; i < (c + 1) * n; i++) {
                v[i] = (float) ((v[i] - mean) / std);
            }
        }
        return new PlanarImage(image.channels(), image.height(), image.width(), v);
    }
}
