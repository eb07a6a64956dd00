package org.glassbox.core.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a ground-truth CSV (RFC 4180: comma-separated, optional double quotes, UTF-8, a header row).
 *
 * <p>Columns:
 * <ul>
 *   <li>{@code sop_instance_uid} (required, any case): the instance a row describes.</li>
 *   <li><b>Labels.</b> A column named {@code truth_<label>} is always the label {@code <label>}; any
 *       other column whose non-blank values are all {@code 0} or {@code 1} is a label unless its name
 *       is a known attribute ({@link #KNOWN_ATTRIBUTES}: sex, age, site, shortcut, …). A blank label
 *       value means unknown: nothing is stored for it (an earlier value is removed).</li>
 *   <li><b>Attributes.</b> Every other column, stored as text — except {@code site} and
 *       {@code institution}, whose values are stored as the workspace's keyed site hash (the same
 *       function {@code RecordExtractor} applies to InstitutionName, so they join), and
 *       {@code patient_id}, stored as the workspace's keyed patient key (the catalog's own). See
 *       {@link Table#pseudonymized}.</li>
 *   <li><b>Refused.</b> A column whose name says it holds a direct identifier ({@link #identifierColumn}:
 *       name, patient_name, mrn, birth date, address, phone, email, accession, …) refuses the whole
 *       file with one line naming the column: the truth file is not a way around the gate.</li>
 * </ul>
 * A file with no label column, a missing or repeated SOP Instance UID, a row with the wrong number of
 * fields, a duplicate column name or a {@code truth_} column holding anything but 0, 1 or blank is
 * refused as a whole.
 */
public final class TruthCsv {
    public static final String KEY_COLUMN = "sop_instance_uid";
    /** Prefix that makes a column a label whatever its values. */
    public static final String LABEL_PREFIX = "truth_";
    /** Attribute columns (lower case) that are never labels, even when they hold only 0 and 1. */
    public static final Set<String> KNOWN_ATTRIBUTES = Set.of("patient_id", "study_instance_uid", "series_instance_uid", "file",
            "sex", "age", "age_band", "site", "institution", "manufacturer", "model", "modality", "body_part", "view", "view_position",
            "shortcut", "rows", "columns", "pixel_spacing_mm", "cardiothoracic_ratio", "split", "fold");
    /** Attribute columns stored as the workspace's keyed site hash. */
    public static final Set<String> SITE_COLUMNS = Set.of("site", "institution");
    /** The attribute column stored as the workspace's keyed patient key. */
    public static final String PATIENT_COLUMN = "patient_id";
    /** Words (after splitting the header on non-letters) that make a column a direct identifier. */
    private static final Set<String> IDENTIFIER_WORDS = Set.of("name", "names", "surname", "firstname", "lastname", "mrn", "dob",
            "birth", "birthdate", "birthday", "address", "street", "zip", "zipcode", "postcode", "phone", "telephone", "mobile", "email",
            "mail", "accession", "ssn", "nhs", "insurance", "passport");
    /** Whole headers that are identifiers (other patient IDs than the pseudonymous patient_id). */
    private static final Set<String> IDENTIFIER_HEADERS = Set.of("other_patient_id", "other_patient_ids", "medical_record_number",
            "record_number", "hospital_number", "national_id", "social_security_number", "initials");

    /**
     * The parsed file.
     *
     * @param labelNames     label columns, in file order
     * @param attributeNames attribute columns, in file order
     * @param records        one per data row, in file order
     */
    public record Table(List<String> labelNames, List<String> attributeNames, List<TruthRecord> records) {
        public Table {
            labelNames = List.copyOf(labelNames);
            attributeNames = List.copyOf(attributeNames);
            records = List.copyOf(records);
        }

        /**
         * The table as it may be stored: {@code site}/{@code institution} values replaced by
         * {@code siteKey} (blank stays blank), {@code patient_id} values by {@code patientKey}.
         */
        public Table pseudonymized(UnaryOperator<String> siteKey, UnaryOperator<String> patientKey) {
            List<TruthRecord> out = new ArrayList<>(records.size());
            for (TruthRecord r : records) {
                Map<String, String> a = new LinkedHashMap<>();
                r.attributes().forEach((name, value) -> {
                    String n = name.toLowerCase(Locale.ROOT);
                    boolean blank = value == null || value.isBlank();
                    if (SITE_COLUMNS.contains(n)) {
                        a.put(name, blank ? value : siteKey.apply(value));
                    } else if (PATIENT_COLUMN.equals(n)) {
                        a.put(name, blank ? value : patientKey.apply(value));
                    } else {
                        a.put(name, value);
                    }
                });
                out.add(new TruthRecord(r.sopInstanceUid(), r.labels(), a));
            }
            return new Table(labelNames, attributeNames, out);
        }
    }

    /** True when a header names a direct identifier that a truth file must not carry. */
    public static boolean identifierColumn(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (IDENTIFIER_HEADERS.contains(h)) {
            return true;
        }
        for (String word : h.split("_")) {
            if (IDENTIFIER_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private TruthCsv() {
    }

    public static Table read(Path file) throws IOException, TruthCsvException {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                rows.add(splitLine(line, file, lineNo));
                lineNumbers.add(lineNo);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new TruthCsvException(file + ": not UTF-8 text");
        }
        if (rows.isEmpty()) {
            throw new TruthCsvException(file + ": empty file, expected a header row with " + KEY_COLUMN);
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (h.isEmpty()) {
                throw new TruthCsvException(file + " line " + lineNumbers.get(0) + ": empty column name");
            }
            if (!seen.add(h.toLowerCase(Locale.ROOT))) {
                throw new TruthCsvException(file + " line " + lineNumbers.get(0) + ": column '" + h + "' appears twice");
            }
        }
        int key = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList().indexOf(KEY_COLUMN);
        if (key < 0) {
            throw new TruthCsvException(file + ": no '" + KEY_COLUMN + "' column in header " + header);
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new TruthCsvException(file + " line " + lineNumbers.get(i) + ": expected " + header.size() + " fields, found " + rows.get(i).size());
            }
        }
        for (int c = 0; c < header.size(); c++) {
            if (c != key && identifierColumn(header.get(c))) {
                throw new TruthCsvException(file + ": column '" + header.get(c)
                        + "' names a direct identifier; a truth file must not carry identifying data (remove the column)");
            }
        }
        boolean[] isLabel = new boolean[header.size()];
        String[] names = new String[header.size()];
        List<String> labels = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        Set<String> labelSeen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == key) {
                continue;
            }
            String h = header.get(c);
            String lower = h.toLowerCase(Locale.ROOT);
            boolean prefixed = lower.startsWith(LABEL_PREFIX) && h.length() > LABEL_PREFIX.length();
            boolean binary = !prefixed && !KNOWN_ATTRIBUTES.contains(lower);
            boolean anyValue = false;
            for (int i = 1; i < rows.size(); i++) {
                String v = rows.get(i).get(c).strip();
                if (v.isEmpty()) {
                    continue;
                }
                anyValue = true;
                boolean bit = v.equals("0") || v.equals("1");
                if (prefixed && !bit) {
                    throw new TruthCsvException(file + " line " + lineNumbers.get(i) + ": label column '" + h + "' holds '" + v
                            + "'; a label is 0, 1 or blank (unknown)");
                }
                binary &= bit;
            }
            isLabel[c] = prefixed || (binary && anyValue);
            names[c] = prefixed ? h.substring(LABEL_PREFIX.length()) : h;
            if (isLabel[c] && !labelSeen.add(names[c].toLowerCase(Locale.ROOT))) {
                throw new TruthCsvException(file + " line " + lineNumbers.get(0) + ": label '" + names[c] + "' appears twice");
            }
            (isLabel[c] ? labels : attributes).add(names[c]);
        }
        if (labels.isEmpty()) {
            throw new TruthCsvException(file + ": no label column (a label column is named truth_<label> or holds only 0, 1 and blanks); columns " + header);
        }
        List<TruthRecord> records = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            String uid = row.get(key).strip();
            if (uid.isEmpty()) {
                throw new TruthCsvException(file + " line " + lineNumbers.get(i) + ": empty " + KEY_COLUMN);
            }
            if (!uids.add(uid)) {
                throw new TruthCsvException(file + " line " + lineNumbers.get(i) + ": " + KEY_COLUMN + " " + uid + " appears twice");
            }
            Map<String, Boolean> l = new LinkedHashMap<>();
            Map<String, String> a = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (c == key) {
                    continue;
                }
                if (isLabel[c]) {
                    String v = row.get(c).strip();
                    l.put(names[c], v.isEmpty() ? null : v.equals("1")); // blank: unknown
                } else {
                    a.put(header.get(c), row.get(c).strip());
                }
            }
            records.add(new TruthRecord(uid, l, a));
        }
        return new Table(labels, attributes, records);
    }

    /** Splits one CSV line (RFC 4180 quoting; a quoted field may not span lines). */
    static List<String> splitLine(String line, Path file, int lineNo) throws TruthCsvException {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(ch);
                }
            } else if (ch == ',') {
                fields.add(f.toString());
                f.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && f.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == '"') {
                throw new TruthCsvException(file + " line " + lineNo + ": stray quote in field " + (fields.size() + 1));
            } else {
                f.append(ch);
            }
        }
        if (quoted) {
            throw new TruthCsvException(file + " line " + lineNo + ": unterminated quoted field");
        }
        fields.add(f.toString());
        return fields;
    }
}
