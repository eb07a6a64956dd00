package org.glassbox.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Ground truth for one instance.
 *
 * @param sopInstanceUid the instance it describes
 * @param labels         label name → present (true, 1), absent (false, 0) or unknown (null, a blank cell), in file column order
 * @param attributes     other columns (e.g. sex, age, site of the generator), name → text, possibly empty text
 */
public record TruthRecord(String sopInstanceUid, Map<String, Boolean> labels, Map<String, String> attributes) {
    public TruthRecord {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
