package org.glassbox.explain.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.glassbox.explain.fairness.AuditCohort;

/**
 * The committed reference fixtures of this package (made by make-proc-reference.R and
 * make-sklearn-reference.py beside them): simple comma-separated files, header first.
 */
public final class ReferenceFixtures {
    public static final String DIR = "/org/glassbox/explain/stats/";

    private ReferenceFixtures() {
    }

    /** Rows of a committed fixture as column → text. */
    public static List<Map<String, String>> read(String name) {
        try (InputStream in = ReferenceFixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Map<String, String>> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> parse(String text) {
        String[] lines = text.strip().split("\\R");
        String[] header = lines[0].split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** R writes NA/NaN, Python nan. */
    public static double number(String text) {
        return switch (text) {
            case "NA", "NaN", "nan" -> Double.NaN;
            case "Inf", "inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The cases of one dataset of delong-cases.csv as a cohort: labels "a" and "b" (one model each), attribute "group". */
    public static AuditCohort cases(String dataset) {
        return cohort(read("delong-cases.csv"), r -> r.get("dataset").equals(dataset));
    }

    /** Model A's and model B's scores as two cohorts with label "x" (for comparisons). */
    public static AuditCohort[] pairedCases(String dataset) {
        List<Map<String, String>> rows = read("delong-cases.csv").stream().filter(r -> r.get("dataset").equals(dataset)).toList();
        AuditCohort.Builder a = AuditCohort.builder();
        AuditCohort.Builder b = AuditCohort.builder();
        for (Map<String, String> r : rows) {
            byte t = Byte.parseByte(r.get("truth"));
            a.add(r.get("case"), Map.of("x", number(r.get("score_a"))), Map.of("x", t), Map.of("group", r.get("group")));
            b.add(r.get("case"), Map.of("x", number(r.get("score_b"))), Map.of("x", t), Map.of("group", r.get("group")));
        }
        return new AuditCohort[] {a.build(), b.build()};
    }

    private static AuditCohort cohort(List<Map<String, String>> rows, Predicate<Map<String, String>> keep) {
        AuditCohort.Builder builder = AuditCohort.builder();
        for (Map<String, String> r : rows) {
            if (keep.test(r)) {
                byte t = Byte.parseByte(r.get("truth"));
                builder.add(r.get("case"), Map.of("a", number(r.get("score_a")), "b", number(r.get("score_b"))),
                        Map.of("a", t, "b", t), Map.of("group", r.get("group")));
            }
        }
        return builder.build();
    }

    /** Scores and truth of one model in one dataset (optionally one group only). */
    public static double[][] scoresAndTruth(String dataset, String column, String group) {
        List<Map<String, String>> rows = read("delong-cases.csv").stream()
                .filter(r -> r.get("dataset").equals(dataset) && (group == null || r.get("group").equals(group))).toList();
        double[][] out = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = number(rows.get(i).get(column));
            out[1][i] = number(rows.get(i).get("truth"));
        }
        return out;
    }
}
