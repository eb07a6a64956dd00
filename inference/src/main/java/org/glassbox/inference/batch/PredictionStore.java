package org.glassbox.inference.batch;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.glassbox.core.catalog.Prediction;

/** Where a run finds and keeps outputs of catalogued instances. */
public interface PredictionStore {
    /** Keeps nothing, finds nothing. */
    PredictionStore NONE = new PredictionStore() {
        @Override
        public Map<String, Prediction> find(String modelSha256, Collection<String> sopInstanceUids) {
            return Map.of();
        }

        @Override
        public void store(List<Prediction> predictions) {
        }
    };

    /** Cached outputs by SOP Instance UID (only those present). */
    Map<String, Prediction> find(String modelSha256, Collection<String> sopInstanceUids);

    /** Stores one batch's outputs, all or none. */
    void store(List<Prediction> predictions);
}
