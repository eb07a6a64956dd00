package org.glassbox.explain;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One explanation map for one image and one target output.
 *
 * @param method            how it was computed
 * @param target            index of the explained output (0-based, as in the model's labels)
 * @param parameters        every parameter that changes the map (layer, steps, baseline, masking,
 *                          evaluations, seed…), as strings, sorted by name — the cache key uses them
 * @param imageMap          the map at the model's input resolution (H × W of the input tensor)
 * @param featureMap        the map at feature resolution (a CAM's layer h × w, a superpixel or grid
 *                          map's segment values laid out on the grid), or null when the method has
 *                          none distinct from {@code imageMap}
 * @param targetLogit       the model's raw output for {@code target} on the image
 * @param targetScore       the same through the model's output kind (sigmoid/softmax), in [0, 1]
 * @param modelEvaluations  images sent through the model (forward passes, with or without gradient)
 * @param elapsedNanos      wall time of the computation
 */
public record Explanation(ExplanationMethod method, int target, Map<String, String> parameters, SaliencyMap imageMap,
                          SaliencyMap featureMap, float targetLogit, float targetScore, long modelEvaluations,
                          long elapsedNanos) {
    public Explanation {
        Objects.requireNonNull(method, "method");
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        Objects.requireNonNull(imageMap, "imageMap");
    }
}
