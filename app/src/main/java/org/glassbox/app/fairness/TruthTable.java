package org.glassbox.app.fairness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --truth CSV} of an audit: truth and extra attributes (race/ethnicity, insurance, …)
 * keyed by SOP Instance UID or by pseudonymous patient ID.
 *
 * <p>Key column: {@code sop_instance_uid} if present, else {@code patient_id}, else {@code id}. A
 * column is a label when it is named {@code truth_<label>} or is named exactly like a label the
 * scores have (case-insensitive; so a synthetic cohort's {@code truth.csv} works as it is); its cells
 * are 0, 1 or blank (unknown). Every other column is an attribute (blank = unknown). A repeated key
 * is refused naming both lines.
 *
 * @param file    the file
 * @param key     the key column's name as in {@link #KEYS}
 * @param labels  label names found (as the scores spell them)
 * @param entries key → entry, in file order
 */
public record TruthTable(Path file, String key, List<String> labels, Map<String, Entry> entries) {
    /** Key columns, in order of preference. */
    public static final List<String> KEYS = List.of("sop_instance_uid", "patient_id", "id");

    /**
     * One row.
     *
     * @param truth      label → 1/0; absent when blank
     * @param attributes attribute → value; null when blank
     * @param line       the line it starts on
     */
    public record Entry(Map<String, Byte> truth, Map<String, String> attributes, long line) {
    }

    public static TruthTable read(Path file, Collection<String> scoreLabels) throws IOException, CohortInputException {
        CsvTable t = CsvTable.read(file);
        String keyName = null;
        int key = -1;
        for (String k : KEYS) {
            key = t.column(k);
            if (key >= 0) {
                keyName = k;
                break;
            }
        }
        if (key < 0) {
            throw new CohortInputException(file + ": no key column; expected one of " + KEYS + " in header " + t.header());
        }
        String[] labelOf = new String[t.header().size()];
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (c == key) {
                continue;
            }
            String h = t.header().get(c);
            boolean prefixed = h.toLowerCase(Locale.ROOT).startsWith("truth_") && h.length() > 6;
            String name = prefixed ? h.substring(6) : h;
            String known = scoreLabels.stream().filter(l -> l.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (known != null || prefixed) {
                labelOf[c] = known != null ? known : name;
                labels.add(labelOf[c]);
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Long> firstLine = new LinkedHashMap<>();
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            String id = row.get(key);
            if (id.isEmpty()) {
                throw new CohortInputException(t.where(r, key) + ": empty key");
            }
            if (firstLine.containsKey(id)) {
                throw new CohortInputException(t.where(r, key) + ": '" + id + "' appears twice (first on line " + firstLine.get(id) + ")");
            }
            firstLine.put(id, t.lines().get(r));
            Map<String, Byte> truth = new LinkedHashMap<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                if (c == key) {
                    continue;
                }
                if (labelOf[c] != null) {
                    Byte b = CsvValues.truth(t, r, c);
                    if (b != null) {
                        truth.put(labelOf[c], b);
                    }
                } else {
                    attributes.put(t.header().get(c), row.get(c).isEmpty() ? null : row.get(c));
                }
            }
            entries.put(id, new Entry(truth, attributes, t.lines().get(r)));
        }
        return new TruthTable(file, keyName, labels, entries);
    }
}
