package org.glassbox.inference.dl4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * What GlassBox needs to know from a Keras HDF5 file's {@code model_config} (the JSON of {@code
 * model.to_json()}) before handing it to DL4J: the model class (Sequential or Functional/Model),
 * the Keras version, the image data format and the declared input shape.
 *
 * @param className   "Sequential", "Functional" (Keras ≥ 2.4) or "Model" (older Keras 2)
 * @param kerasVersion e.g. "2.4.0", or "unknown"
 * @param channelsLast true unless the layers say {@code data_format: channels_first} (Keras's
 *                     default image data format is channels_last)
 * @param inputShape   the input layer's {@code batch_input_shape} without the batch dimension;
 *                     null entries (any size) as -1; empty when the config does not say
 */
record KerasModelConfig(String className, String kerasVersion, boolean channelsLast, List<Integer> inputShape) {
    static final String MODEL_CONFIG = "model_config";

    KerasModelConfig {
        inputShape = List.copyOf(inputShape);
    }

    boolean sequential() {
        return className.equals("Sequential");
    }

    /**
     * Reads the config of the HDF5 file {@code file} (whose signature the caller has checked).
     *
     * @throws IllegalArgumentException naming what is missing or not supported
     */
    static KerasModelConfig read(Path file) {
        try (Hdf5Archive archive = open(file)) {
            if (!archive.hasAttribute(MODEL_CONFIG)) {
                throw new IllegalArgumentException("no '" + MODEL_CONFIG + "' attribute: not a whole Keras model (a weights-only file from "
                        + "save_weights()?); save the model with model.save(\"model.h5\")");
            }
            return parse(readJson(archive));
        }
    }

    private static Hdf5Archive open(Path file) {
        try {
            return new Hdf5Archive(file.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the HDF5 library could not open it (" + e.getMessage() + ")", e);
        }
    }

    private static String readJson(Hdf5Archive archive) {
        try {
            return archive.readAttributeAsJson(MODEL_CONFIG);
        } catch (UnsupportedKerasConfigurationException | RuntimeException e) {
            throw new IllegalArgumentException("could not read '" + MODEL_CONFIG + "': " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the JSON is not a Sequential or Functional model config */
    static KerasModelConfig parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + MODEL_CONFIG + "' is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("'" + MODEL_CONFIG + "' is not a JSON object");
        }
        String cls = root.path("class_name").asText("");
        if (!List.of("Sequential", "Functional", "Model").contains(cls)) {
            throw new IllegalArgumentException("model class '" + cls + "' is not supported (Sequential, Functional or Model)");
        }
        JsonNode config = root.path("config");
        // Keras ≤ 2.1 wrote a Sequential model's config as the bare list of layers.
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new IllegalArgumentException("'" + MODEL_CONFIG + "' lists no layers");
        }
        TreeSet<String> formats = new TreeSet<>();
        List<Integer> shape = List.of();
        for (JsonNode layer : layers) {
            JsonNode lc = layer.path("config");
            String format = lc.path("data_format").asText("");
            if (!format.isEmpty()) {
                formats.add(format);
            }
            if (shape.isEmpty() && lc.path("batch_input_shape").isArray()) {
                List<Integer> s = new ArrayList<>();
                JsonNode bis = lc.path("batch_input_shape");
                for (int i = 1; i < bis.size(); i++) {
                    s.add(bis.get(i).isInt() ? bis.get(i).asInt() : -1);
                }
                shape = s;
            }
        }
        if (formats.size() > 1) {
            throw new IllegalArgumentException("layers mix image data formats " + formats + "; GlassBox imports one layout per model");
        }
        boolean channelsLast = !formats.contains("channels_first");
        String version = root.path("keras_version").asText("unknown");
        return new KerasModelConfig(cls, version, channelsLast, shape);
    }

    /**
     * DL4J's input type for a descriptor input shape ([C, H, W] for images, [F] for vectors), checked
     * against the Keras input shape when the config declares one.
     *
     * @throws IllegalArgumentException when the shapes disagree or the rank is not 1 or 3
     */
    InputType inputType(List<Integer> descriptorShape) {
        if (descriptorShape.size() == 3) {
            int c = descriptorShape.get(0);
            int h = descriptorShape.get(1);
            int w = descriptorShape.get(2);
            List<Integer> keras = channelsLast ? List.of(h, w, c) : List.of(c, h, w);
            requireMatch(descriptorShape, keras);
            return InputType.convolutional(h, w, c, channelsLast ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
        }
        if (descriptorShape.size() == 1) {
            requireMatch(descriptorShape, descriptorShape);
            return InputType.feedForward(descriptorShape.get(0));
        }
        throw new IllegalArgumentException("input shape " + descriptorShape + " is not supported for Keras models ([C, H, W] or [F])");
    }

    private void requireMatch(List<Integer> descriptorShape, List<Integer> expectedKeras) {
        if (inputShape.isEmpty()) {
            return;
        }
        boolean ok = inputShape.size() == expectedKeras.size();
        for (int i = 0; ok && i < inputShape.size(); i++) {
            ok = inputShape.get(i) < 0 || inputShape.get(i).equals(expectedKeras.get(i));
        }
        if (!ok) {
            throw new IllegalArgumentException("model.json's input shape " + descriptorShape + " (C, H, W) does not match the Keras input "
                    + Arrays.toString(inputShape.toArray()) + (channelsLast ? " (H, W, C; channels_last)" : " (C, H, W; channels_first)"));
        }
    }
}
