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

/**
 * Reads a ground-truth CSV (RFC 4180: comma-separated, optional double quotes, UTF-8, a header row).
 *
 * <p>Required column {@code sop_instance_uid}. Every other column whose values are all {@code 0} or
 * {@code 1} is a label; any other column is an attribute (e.g. sex, age, site, written by
 * {@code glassbox generate}). A file with no label column, a missing or repeated SOP Instance UID, a
 * row with the wrong number of fields or a duplicate column name is refused as a whole.
 */
public final class TruthCsv {
    public static final String KEY_COLUMN = "sop_instance_uid";

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
        boolean[] isLabel = new boolean[header.size()];
        List<String> labels = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == key) {
                continue;
            }
            boolean binary = rows.size() > 1;
            for (int i = 1; i < rows.size() && binary; i++) {
                String v = rows.get(i).get(c).strip();
                binary = v.equals("0") || v.equals("1");
            }
            isLabel[c] = binary;
            (binary ? labels : attributes).add(header.get(c));
        }
        if (labels.isEmpty()) {
            throw new TruthCsvException(file + ": no label column (a label column holds only 0 and 1); columns " + header);
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
                    l.put(header.get(c), row.get(c).strip().equals("1"));
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
