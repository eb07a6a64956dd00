package org.glassbox.inference.pkg;

import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.inference.engine.ModelFormat;

/**
 * The contents of a package's {@code model.json}: what the model is, what it takes, how an image is
 * turned into its input, and its model card (licence, intended use, training data, metrics).
 * Read and written by {@link ManifestJson}; checked by {@link ManifestValidator}. The schema is
 * written down in {@code docs/model-package.md}.
 *
 * <p>Enum values appear in JSON as lower-case tokens with '-' for '_' (e.g. {@code "dicom-voi"},
 * {@code "multi-label-classification"}). Optional parts are null when absent.
 *
 * @param schemaVersion  must be {@value #SCHEMA_VERSION}
 * @param id             [A-Za-z0-9._-]+, e.g. "glassbox-demo-cxr"
 * @param version        [A-Za-z0-9._+-]+, e.g. "1.0.0"
 * @param task           what the outputs mean
 * @param labels         one unique name per output, in output order
 * @param inputShape     one sample's input, [C, H, W]; C is 1 or 3, H and W > 0
 * @param channels       the colour of the images the model was trained on (grey radiographs, or RGB)
 * @param output         how outputs become scores (sigmoid: multi-label; softmax; identity)
 * @param weights        the weights file and its format
 * @param preprocessing  how a stored image becomes the model's input
 * @param explain        explanation defaults (optional)
 * @param licence        licence of the weights (SPDX id or free text)
 * @param intendedUse    what the model is (and is not) for
 * @param trainingData   a truthful summary of the training data
 * @param metrics        evaluation metrics by name, each with its cohort (optional, insertion-ordered)
 * @param training       how to reproduce the weights (optional)
 */
public record ModelManifest(
        Integer schemaVersion,
        String id,
        String version,
        Task task,
        List<String> labels,
        List<Integer> inputShape,
        Channels channels,
        OutputKind output,
        Weights weights,
        Preprocessing preprocessing,
        Explain explain,
        String licence,
        String intendedUse,
        String trainingData,
        Map<String, Metric> metrics,
        Training training) {

    public static final int SCHEMA_VERSION = 1;

    /** The descriptor engines and explanations see; {@code sha256} is the package identity hash. */
    public ModelDescriptor descriptor(String sha256) {
        return new ModelDescriptor(id, version, sha256, inputShape, labels, output);
    }

    /** The layer batch inference caches as the embedding, or null when the manifest names none. */
    public String embeddingLayer() {
        return explain == null ? null : explain.embeddingLayer();
    }

    /** The explanation target layer, or null when the manifest names none. */
    public String targetLayer() {
        return explain == null ? null : explain.targetLayer();
    }

    /** What the outputs mean. */
    public enum Task { MULTI_LABEL_CLASSIFICATION, MULTI_CLASS_CLASSIFICATION, BINARY_CLASSIFICATION }

    /** Colour of the source images: grey (radiographs, CT, MR) or RGB. */
    public enum Channels { GREY, RGB }

    /**
     * @param format weights format (onnx, dl4j, keras)
     * @param file   the weights file's name inside the package (a plain name, no folders)
     */
    public record Weights(ModelFormat format, String file) {
    }

    /**
     * How a stored image becomes the model's input, applied in this order: windowing (to [0, 1]),
     * scaling (to [min, max]), resize, centre crop, channel replication (grey → 3), normalisation
     * ((x − mean[c]) / std[c]).
     *
     * @param windowing          required
     * @param scaling            required
     * @param resize             optional: without it the image must already be H × W
     * @param centreCrop         optional, after resize
     * @param replicateChannels  copy the grey plane into 3 channels (input C must be 3)
     * @param normalisation      optional per-channel mean/std, after replication
     */
    public record Preprocessing(Windowing windowing, Scaling scaling, Resize resize, CentreCrop centreCrop,
                                boolean replicateChannels, Normalisation normalisation) {
    }

    /**
     * Maps stored values to [0, 1].
     *
     * @param mode   dicom-voi: the file's first VOI (window or VOI LUT; PS3.3 C.11.2), falling back to
     *               min/max when it has none; minmax: the image's own min and max; explicit: centre and width below
     * @param centre window centre in modality units (explicit only)
     * @param width  window width, ≥ 1 (explicit only; PS3.3 C.11.2.1.2)
     */
    public record Windowing(WindowMode mode, Double centre, Double width) {
    }

    public enum WindowMode { DICOM_VOI, MINMAX, EXPLICIT }

    /**
     * Linear map of the windowed [0, 1] value onto [min, max]: [0, 1] for most models,
     * [-1024, 1024] for TorchXRayVision.
     */
    public record Scaling(Double min, Double max) {
    }

    /**
     * @param size          target size in pixels, > 0
     * @param interpolation nearest, bilinear, bicubic or area
     * @param mode          exact: size × size (aspect not kept; TorchXRayVision's XRayResizer);
     *                      shorter-side: the shorter side becomes size, aspect kept (torchvision
     *                      Resize(int)); needs a centre crop. Default exact.
     */
    public record Resize(Integer size, Interpolation interpolation, ResizeMode mode) {
        public ResizeMode effectiveMode() {
            return mode == null ? ResizeMode.EXACT : mode;
        }
    }

    public enum Interpolation { NEAREST, BILINEAR, BICUBIC, AREA }

    public enum ResizeMode { EXACT, SHORTER_SIDE }

    /** A centred size × size crop, size > 0. */
    public record CentreCrop(Integer size) {
    }

    /** Per-channel normalisation: one mean and one std (> 0) per input channel. */
    public record Normalisation(List<Double> mean, List<Double> std) {
    }

    /**
     * @param targetLayer    the layer Grad-CAM uses by default (a layer or ONNX node output name)
     * @param embeddingLayer optional: the encoder output whose activations batch inference caches as
     *                       the instance's embedding (a rank-4 N×C×H×W output is averaged over H×W to
     *                       C values; any other output is flattened per sample); null for none
     */
    public record Explain(String targetLayer, String embeddingLayer) {
        /** Explanation defaults without an embedding layer. */
        public Explain(String targetLayer) {
            this(targetLayer, null);
        }
    }

    /**
     * @param value  the metric's value (finite)
     * @param cohort the evaluation cohort, e.g. "held-out synthetic cohort, 500 studies, seed 11"
     */
    public record Metric(Double value, String cohort) {
    }

    /**
     * @param command the command that trained the weights, e.g. "./glassbox train --variant v1 --seed 7"
     * @param seeds   every seed the command used, by name
     */
    public record Training(String command, Map<String, Long> seeds) {
    }
}
