package org.glassbox.explain.fairness;

import java.util.List;

/**
 * How cases are split into subgroups: one attribute ("sex") or an intersection of several
 * ("sex", "age_band" → subgroups like "F × 40-59"). A case with an unknown value in any of the
 * attributes is left out of this grouping (and counted as unknown).
 *
 * @param attributes one or more attribute names of the cohort, in order
 */
public record Grouping(List<String> attributes) {
    /** Separator of attribute names and of values in subgroup names. */
    public static final String CROSS = " × ";

    public Grouping {
        if (attributes == null || attributes.isEmpty()) {
            throw new IllegalArgumentException("a grouping needs at least one attribute");
        }
        attributes = List.copyOf(attributes);
        if (attributes.stream().distinct().count() != attributes.size()) {
            throw new IllegalArgumentException("grouping " + attributes + " names an attribute twice");
        }
    }

    public static Grouping of(String... attributes) {
        return new Grouping(List.of(attributes));
    }

    /** Parses "sex" or "sex*age_band" / "sex×age_band" / "sex x age_band" style specs. */
    public static Grouping parse(String spec) {
        String[] parts = spec.split("\\s*[*×]\\s*|\\s+x\\s+");
        for (String p : parts) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("grouping '" + spec + "' has an empty attribute name");
            }
        }
        return new Grouping(List.of(parts).stream().map(String::strip).toList());
    }

    /** "sex" or "sex × age_band". */
    public String name() {
        return String.join(CROSS, attributes);
    }
}
