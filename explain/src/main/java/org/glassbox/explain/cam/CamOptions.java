package org.glassbox.explain.cam;

import java.util.Map;

/**
 * Parameters of the CAM methods.
 *
 * @param layer the target layer (for ONNX models the name of a node output), or null for the
 *              model's {@code defaultTargetLayer()}
 */
public record CamOptions(String layer) {
    public CamOptions {
        if (layer != null && layer.isBlank()) {
            throw new IllegalArgumentException("layer must not be blank");
        }
    }

    /** The model's default target layer. */
    public static CamOptions defaults() {
        return new CamOptions(null);
    }

    /**
     * Parses CLI-style options. Known key: {@code layer}. An empty map gives {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming an unknown key or a blank value
     */
    public static CamOptions fromMap(Map<String, String> options) {
        String layer = null;
        for (Map.Entry<String, String> e : options.entrySet()) {
            switch (e.getKey()) {
                case "layer" -> {
                    if (e.getValue() == null || e.getValue().isBlank()) {
                        throw new IllegalArgumentException("option 'layer' needs a layer name");
                    }
                    layer = e.getValue().trim();
                }
                default -> throw new IllegalArgumentException("unknown option '" + e.getKey() + "' for CAM methods; known: layer");
            }
        }
        return new CamOptions(layer);
    }
}
