package org.glassbox.app.fairness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.glassbox.core.catalog.TruthCsv;

/**
 * A CSV file read whole (RFC 4180 via commons-csv: commas, double quotes, quoted line breaks; UTF-8,
 * an optional byte-order mark, a header row). Header names are stripped; values are stripped.
 *
 * <p>Refused as a whole, with one line naming the file and where: a file that is not UTF-8, an
 * empty or repeated column name (case-insensitive), a row with the wrong number of fields, and a
 * column whose name says it holds a direct identifier ({@link TruthCsv#identifierColumn}, the
 * import's rule) — an audit report prints subgroup values, so a name column must never become one.
 * Categorical payer columns ({@link #ALLOWED_HEADERS}, e.g. {@code insurance}) are allowed: they
 * are a classic fairness attribute, not a number that identifies someone.
 *
 * @param file   the file read
 * @param header column names in file order
 * @param rows   data rows, each as long as the header
 * @param lines  the line number (1-based) each data row starts on
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows, List<Long> lines) {
    /** Headers allowed although {@link TruthCsv#identifierColumn} matches a word in them. */
    public static final Set<String> ALLOWED_HEADERS = Set.of("insurance", "insurance_type", "insurance_category", "insurance_class", "payer");

    public CsvTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        lines = List.copyOf(lines);
    }

    /** Reads and checks the file. */
    public static CsvTable read(Path file) throws IOException, CohortInputException {
        if (!Files.isRegularFile(file)) {
            throw new CohortInputException(file + ": no such file");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).build();
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (Reader reader = utf8(file); CSVParser parser = CSVParser.parse(reader, format)) {
            long line = 1;
            for (CSVRecord r : parser) {
                List<String> values = new ArrayList<>(r.size());
                r.forEach(v -> values.add(v.strip()));
                if (header == null) {
                    if (!values.isEmpty() && values.get(0).startsWith("\uFEFF")) {
                        values.set(0, values.get(0).substring(1).strip());
                    }
                    header = checkHeader(file, values);
                } else {
                    if (values.size() != header.size()) {
                        throw new CohortInputException(file + " line " + line + ": expected " + header.size() + " fields, found " + values.size());
                    }
                    rows.add(values);
                    lines.add(line);
                }
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (CharacterCodingException e) {
            throw new CohortInputException(file + ": not UTF-8 text");
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // commons-csv's record iterator wraps read errors and malformed quoting (EOF inside a quoted field) this way.
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof CharacterCodingException) {
                    throw new CohortInputException(file + ": not UTF-8 text");
                }
            }
            throw new CohortInputException(file + ": malformed CSV: " + CliLine.of(e));
        }
        if (header == null) {
            throw new CohortInputException(file + ": empty file, expected a header row");
        }
        return new CsvTable(file, header, rows, lines);
    }

    /** The column's index, matching case-insensitively, or -1. */
    public int column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** "file line L, column C" for a data row index and column index (messages name both). */
    public String where(int row, int column) {
        return file + " line " + lines.get(row) + ", column '" + header.get(column) + "'";
    }

    private static List<String> checkHeader(Path file, List<String> header) throws CohortInputException {
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (h.isEmpty()) {
                throw new CohortInputException(file + " line 1: empty column name");
            }
            if (!seen.add(h.toLowerCase(Locale.ROOT))) {
                throw new CohortInputException(file + " line 1: column '" + h + "' appears twice");
            }
            if (!ALLOWED_HEADERS.contains(h.toLowerCase(Locale.ROOT)) && TruthCsv.identifierColumn(h)) {
                throw new CohortInputException(file + ": column '" + h
                        + "' names a direct identifier; an audit input must not carry identifying data (remove the column)");
            }
        }
        return header;
    }

    private static Reader utf8(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder));
    }
}

/** One line of an exception's message chain (commons-csv nests the useful part). */
final class CliLine {
    private CliLine() {
    }

    static String of(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getMessage() != null && c.getCause().getMessage() != null && c.getMessage().contains(c.getCause().getClass().getName())) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
