package org.glassbox.core.dicom;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable DICOM data set (or sequence item) as a map from tag to element, in tag order.
 * This is what leaves {@code core.dicom}: no PixelMed type ever does.
 */
public final class DicomDataset {
    private static final DicomDataset EMPTY = new DicomDataset(new TreeMap<>(Integer::compareUnsigned));

    private final SortedMap<Integer, DicomElement> elements;

    private DicomDataset(SortedMap<Integer, DicomElement> elements) {
        this.elements = Collections.unmodifiableSortedMap(elements);
    }

    public static DicomDataset empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding a copy of this data set's elements. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.elements.putAll(elements);
        return b;
    }

    /** Elements in ascending tag order (unsigned comparison of group, element). */
    public Collection<DicomElement> elements() {
        return elements.values();
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public Optional<DicomElement> get(int tag) {
        return Optional.ofNullable(elements.get(tag));
    }

    /** First value of a text element, trimmed; null when absent or empty. */
    public String string(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.values().isEmpty()) {
            return null;
        }
        String v = e.values().get(0).trim();
        return v.isEmpty() ? null : v;
    }

    /** First value as an integer, or {@code fallback} when absent, empty or not a number. */
    public int integer(int tag, int fallback) {
        String s = string(tag);
        if (s == null) {
            return fallback;
        }
        try {
            return (int) Math.round(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** First value as a double, or {@code fallback}. */
    public double decimal(int tag, double fallback) {
        String s = string(tag);
        if (s == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public int size() {
        return elements.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DicomDataset d && d.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return "DicomDataset" + elements.values();
    }

    /** Mutable builder; {@link #build()} snapshots it. */
    public static final class Builder {
        private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);

        public Builder put(DicomElement element) {
            elements.put(element.tag(), element);
            return this;
        }

        /** Puts a text or numeric element. */
        public Builder put(int tag, String vr, String... values) {
            return put(DicomElement.of(tag, vr, values));
        }

        public Builder remove(int tag) {
            elements.remove(tag);
            return this;
        }

        public DicomDataset build() {
            TreeMap<Integer, DicomElement> copy = new TreeMap<>(Integer::compareUnsigned);
            copy.putAll(elements);
            return new DicomDataset(copy);
        }
    }
}
