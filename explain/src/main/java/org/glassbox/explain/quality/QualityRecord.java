package org.glassbox.explain.quality;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The quality figures of one explanation: which method, which label, the image's subgroup
 * attributes (e.g. sex, age_band, site) and the metrics by name (e.g. "deletion_auc",
 * "pointing"). A metric may be NaN (undefined for this image); aggregation skips it.
 */
public record QualityRecord(String method, String label, Map<String, String> attributes, Map<String, Double> metrics) {
    public QualityRecord {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(label, "label");
        attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        metrics = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    }
}
