package org.glassbox.explain.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The cases of a fairness audit, held column-wise for speed: one id per case, per label a score and
 * a truth, and attribute columns (sex, age band, site, manufacturer, any CSV column).
 *
 * <p>Missing values are explicit: a NaN score or an unknown truth ({@link #TRUTH_UNKNOWN}) leaves
 * the case out of that label's statistics; a null attribute value means "unknown" for that
 * attribute. Where these came from (catalog, CSV) is the loaders' business; this class only holds
 * them. Immutable; accessors return copies.
 */
public final class AuditCohort {
    public static final byte TRUTH_NEGATIVE = 0;
    public static final byte TRUTH_POSITIVE = 1;
    public static final byte TRUTH_UNKNOWN = -1;

    private final String[] caseIds;
    private final List<String> labels;
    private final Map<String, double[]> scores;
    private final Map<String, byte[]> truth;
    private final Map<String, String[]> attributes;

    private AuditCohort(String[] caseIds, List<String> labels, Map<String, double[]> scores, Map<String, byte[]> truth,
                        Map<String, String[]> attributes) {
        this.caseIds = caseIds;
        this.labels = List.copyOf(labels);
        this.scores = scores;
        this.truth = truth;
        this.attributes = attributes;
    }

    public int size() {
        return caseIds.length;
    }

    /** Case identifiers (SOP Instance UID, pseudonymous patient ID or a CSV's id), unique. */
    public List<String> caseIds() {
        return Collections.unmodifiableList(Arrays.asList(caseIds.clone()));
    }

    public String caseId(int index) {
        return caseIds[index];
    }

    /** Labels in the order they were added. */
    public List<String> labels() {
        return labels;
    }

    /** Attribute names in the order they were added. */
    public List<String> attributeNames() {
        return List.copyOf(attributes.keySet());
    }

    /** Scores of {@code label}, one per case, in [0, 1] or NaN where missing. */
    public double[] scores(String label) {
        return require(scores, label, "label").clone();
    }

    /** Truth of {@code label} per case: {@link #TRUTH_POSITIVE}, {@link #TRUTH_NEGATIVE} or {@link #TRUTH_UNKNOWN}. */
    public byte[] truth(String label) {
        return require(truth, label, "label").clone();
    }

    /** Values of {@code attribute} per case; null where unknown. */
    public String[] attribute(String attribute) {
        return require(attributes, attribute, "attribute").clone();
    }

    private static <T> T require(Map<String, T> map, String key, String what) {
        T value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown " + what + " '" + key + "'; known: " + map.keySet());
        }
        return value;
    }

    /**
     * A cohort from whole columns (the fast path for large cohorts and benchmarks). Every column
     * must have one value per id; the same range checks as {@link Builder#add} apply.
     */
    public static AuditCohort of(String[] caseIds, Map<String, double[]> scores, Map<String, byte[]> truth,
                                 Map<String, String[]> attributes) {
        int n = caseIds.length;
        if (new HashSet<>(Arrays.asList(caseIds)).size() != n) {
            throw new IllegalArgumentException("case ids are not unique");
        }
        if (!scores.keySet().equals(truth.keySet())) {
            throw new IllegalArgumentException("labels with scores " + scores.keySet() + " differ from labels with truth " + truth.keySet());
        }
        Map<String, double[]> s = new LinkedHashMap<>();
        Map<String, byte[]> t = new LinkedHashMap<>();
        for (String label : scores.keySet()) {
            double[] sc = scores.get(label);
            byte[] tr = truth.get(label);
            if (sc.length != n || tr.length != n) {
                throw new IllegalArgumentException("label '" + label + "': " + sc.length + " scores and " + tr.length
                        + " truths for " + n + " cases");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(sc[i]) && (sc[i] < 0 || sc[i] > 1)) {
                    throw new IllegalArgumentException("case '" + caseIds[i] + "': score_" + label + " = " + sc[i] + " is outside [0, 1]");
                }
                if (tr[i] != TRUTH_NEGATIVE && tr[i] != TRUTH_POSITIVE && tr[i] != TRUTH_UNKNOWN) {
                    throw new IllegalArgumentException("case '" + caseIds[i] + "': truth_" + label + " = " + tr[i] + " is not 0 or 1");
                }
            }
            s.put(label, sc.clone());
            t.put(label, tr.clone());
        }
        Map<String, String[]> a = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : attributes.entrySet()) {
            if (e.getValue().length != n) {
                throw new IllegalArgumentException("attribute '" + e.getKey() + "' has " + e.getValue().length + " values for " + n + " cases");
            }
            a.put(e.getKey(), e.getValue().clone());
        }
        return new AuditCohort(caseIds.clone(), new ArrayList<>(s.keySet()), s, t, a);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects cases row by row. Not thread-safe. */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final List<String> labels = new ArrayList<>();
        private final List<String> attributeNames = new ArrayList<>();
        private final List<Map<String, Double>> rowScores = new ArrayList<>();
        private final List<Map<String, Byte>> rowTruth = new ArrayList<>();
        private final List<Map<String, String>> rowAttributes = new ArrayList<>();

        public Builder label(String label) {
            if (!labels.contains(label)) {
                labels.add(label);
            }
            return this;
        }

        public Builder attributeName(String name) {
            if (!attributeNames.contains(name)) {
                attributeNames.add(name);
            }
            return this;
        }

        /**
         * Adds a case. Labels and attributes not declared yet are declared in first-seen order; a
         * label missing from {@code scores}/{@code truth} is NaN/unknown for this case.
         *
         * @throws IllegalArgumentException for a duplicate id, a score outside [0, 1], or a truth
         *         other than 0, 1 or -1
         */
        public Builder add(String id, Map<String, Double> scores, Map<String, Byte> truth, Map<String, String> attributes) {
            Objects.requireNonNull(id, "id");
            if (!seen.add(id)) {
                throw new IllegalArgumentException("duplicate case id '" + id + "'");
            }
            for (Map.Entry<String, Double> e : scores.entrySet()) {
                double v = e.getValue() == null ? Double.NaN : e.getValue();
                if (!Double.isNaN(v) && (v < 0 || v > 1)) {
                    throw new IllegalArgumentException("case '" + id + "': score_" + e.getKey() + " = " + v + " is outside [0, 1]");
                }
                label(e.getKey());
            }
            for (Map.Entry<String, Byte> e : truth.entrySet()) {
                Byte t = e.getValue();
                if (t != null && t != TRUTH_NEGATIVE && t != TRUTH_POSITIVE && t != TRUTH_UNKNOWN) {
                    throw new IllegalArgumentException("case '" + id + "': truth_" + e.getKey() + " = " + t + " is not 0 or 1");
                }
                label(e.getKey());
            }
            attributes.keySet().forEach(this::attributeName);
            ids.add(id);
            rowScores.add(new HashMap<>(scores));
            rowTruth.add(new HashMap<>(truth));
            rowAttributes.add(new HashMap<>(attributes));
            return this;
        }

        public AuditCohort build() {
            int n = ids.size();
            Map<String, double[]> scores = new LinkedHashMap<>();
            Map<String, byte[]> truth = new LinkedHashMap<>();
            for (String label : labels) {
                double[] s = new double[n];
                byte[] t = new byte[n];
                for (int i = 0; i < n; i++) {
                    Double v = rowScores.get(i).get(label);
                    s[i] = v == null ? Double.NaN : v;
                    Byte b = rowTruth.get(i).get(label);
                    t[i] = b == null ? TRUTH_UNKNOWN : b;
                }
                scores.put(label, s);
                truth.put(label, t);
            }
            Map<String, String[]> attributes = new LinkedHashMap<>();
            for (String name : attributeNames) {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = rowAttributes.get(i).get(name);
                }
                attributes.put(name, values);
            }
            return new AuditCohort(ids.toArray(String[]::new), labels, scores, truth, attributes);
        }
    }
}
