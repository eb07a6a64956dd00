package org.glassbox.explain.cam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.ExplainableModel;
import org.glassbox.core.ai.LayerGradient;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.SaliencyMap;

/**
 * What the class-activation-map methods share: one backward pass from the target logit down to the
 * target layer ({@link org.glassbox.core.ai.ActivationProbe#layerGradient}, which engines stop at
 * the layer), a per-method combination of activations A (K × h × w) and gradients G of one image
 * into an h × w map ({@link #combine}), and bilinear upsampling to the input's H × W.
 *
 * <p>The feature-resolution map is the raw CAM, not min-max normalised: values are non-negative
 * (every method ends with a ReLU), in the units of activation × logit gradient, so maps of
 * different images and models can be compared; normalising for display is the viewer's job.
 * pytorch-grad-cam, by contrast, min-max normalises each map before resizing.
 */
public abstract sealed class CamExplainer implements Explainer permits GradCam, GradCamPlusPlus, HiResCam {
    private final ExplainableModel model;
    private final String layer;

    /**
     * @throws IllegalArgumentException when the layer is unknown (the message lists a few valid
     *         names) or neither the options nor the model name one
     */
    CamExplainer(ExplainableModel model, CamOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        String wanted = options.layer() != null ? options.layer() : model.defaultTargetLayer();
        List<String> layers = model.layerNames();
        if (wanted == null) {
            throw new IllegalArgumentException(model.descriptor().id() + " names no default target layer; choose one with layer=NAME ("
                    + someLayers(layers) + ")");
        }
        if (!layers.contains(wanted)) {
            throw new IllegalArgumentException("unknown layer '" + wanted + "' in " + model.descriptor().id() + "; layers include "
                    + someLayers(layers));
        }
        this.layer = wanted;
    }

    /** The layer whose activations and gradients make the map. */
    public String layer() {
        return layer;
    }

    /**
     * Combines one image's activations and gradients into the raw CAM (before ReLU).
     *
     * @param a activations, K × area (row-major per channel), read-only
     * @param g d logit[target] / d a, same layout, read-only
     * @return area values
     */
    abstract float[] combine(float[] a, float[] g, int channels, int area);

    @Override
    public Explanation explain(Tensor image, int target, ExplainSettings settings) {
        return explainAll(List.of(image), target, settings).get(0);
    }

    /**
     * Explains several images for the same target, sending them through the model in batches of
     * {@link ExplainSettings#batchSize()} (one gradient call per batch). Each explanation's elapsed
     * time is its share of its batch's time.
     *
     * @throws IllegalArgumentException for a target outside the outputs, an image of the wrong
     *         shape, or a layer without spatial extent (rank below 4)
     * @throws CancellationException when cancelled (checked before each batch)
     */
    public List<Explanation> explainAll(List<Tensor> images, int target, ExplainSettings settings) {
        int outputs = model.descriptor().labels().size();
        if (target < 0 || target >= outputs) {
            throw new IllegalArgumentException("target " + target + " is outside [0, " + outputs + ") for "
                    + model.descriptor().id() + " (labels " + model.descriptor().labels() + ")");
        }
        List<Integer> chw = model.descriptor().inputShape();
        for (Tensor image : images) {
            if (!Arrays.equals(image.shape(), chw.stream().mapToInt(Integer::intValue).toArray())) {
                throw new IllegalArgumentException("image " + Arrays.toString(image.shape()) + " does not match the model's input "
                        + chw);
            }
        }
        List<Explanation> result = new ArrayList<>(images.size());
        int batch = settings.batchSize();
        for (int start = 0; start < images.size(); start += batch) {
            if (settings.cancel().isCancelled()) {
                throw new CancellationException(method().cliName() + " cancelled after " + start + " of " + images.size() + " images");
            }
            List<Tensor> chunk = images.subList(start, Math.min(images.size(), start + batch));
            long t0 = System.nanoTime();
            LayerGradient lg = model.layerGradient(stack(chunk), layer, target);
            float[][] scores = Classifier.scores(lg.logits(), model.descriptor().outputKind());
            List<SaliencyMap[]> maps = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                maps.add(maps(lg, i, chw.get(1), chw.get(2)));
            }
            long perImage = (System.nanoTime() - t0) / chunk.size();
            for (int i = 0; i < chunk.size(); i++) {
                result.add(new Explanation(method(), target, Map.of("layer", layer), maps.get(i)[1], maps.get(i)[0],
                        lg.logits().get(i * outputs + target), scores[i][target], 1, perImage));
            }
            settings.progress().update((double) result.size() / images.size(),
                    method().cliName() + ": " + result.size() + " of " + images.size() + " images");
        }
        return result;
    }

    /** Feature-resolution and image-resolution maps of image {@code i} of the batch. */
    private SaliencyMap[] maps(LayerGradient lg, int i, int height, int width) {
        Tensor act = lg.activations();
        if (act.rank() != 4) {
            throw new IllegalArgumentException("layer '" + layer + "' has shape " + Arrays.toString(act.shape())
                    + ": CAM needs a layer with spatial extent (N × C × h × w), e.g. the last convolutional block");
        }
        int k = act.dim(1);
        int h = act.dim(2);
        int w = act.dim(3);
        Tensor a = act.slice(i);
        Tensor g = lg.gradient().slice(i);
        float[] cam = combine(a.data(), g.data(), k, h * w);
        for (int p = 0; p < cam.length; p++) {
            // ReLU; NaN (from a non-finite activation) becomes 0, so no NaN reaches a map.
            cam[p] = cam[p] > 0 ? cam[p] : 0f;
        }
        float[] up = BilinearUpsampler.resize(cam, h, w, height, width);
        return new SaliencyMap[] {new SaliencyMap(h, w, cam), new SaliencyMap(height, width, up)};
    }

    private static Tensor stack(List<Tensor> images) {
        int[] one = images.get(0).shape();
        int[] shape = new int[one.length + 1];
        shape[0] = images.size();
        System.arraycopy(one, 0, shape, 1, one.length);
        int size = images.get(0).size();
        float[] data = new float[size * images.size()];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(data, i * size);
        }
        return new Tensor(shape, data);
    }

    /** At most 8 names for a message, the last layers first (CAM layers sit near the top). */
    private static String someLayers(List<String> layers) {
        List<String> tail = new ArrayList<>(layers.subList(Math.max(0, layers.size() - 8), layers.size()));
        java.util.Collections.reverse(tail);
        return String.join(", ", tail) + (layers.size() > 8 ? ", … (" + layers.size() + " in all)" : "");
    }
}
