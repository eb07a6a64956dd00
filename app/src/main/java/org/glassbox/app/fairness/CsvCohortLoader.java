package org.glassbox.app.fairness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cohort from predictions made anywhere: {@code --scores CSV} with columns {@code id},
 * {@code score_<label>} (one per label; a plain decimal in [0, 1], never blank),
 * {@code truth_<label>} (0, 1 or blank = unknown) and any attribute columns; optionally joined with
 * a {@code --truth CSV} ({@link TruthTable}) on the scores' {@code id} — or on the scores'
 * {@code patient_id} column when the truth file is keyed by {@code patient_id} and the scores have
 * one. Truth from the truth file replaces the scores file's {@code truth_} values; its attributes
 * are added where the scores file has none of that name.
 */
public final class CsvCohortLoader {
    private static final String SCORE = "score_";
    private static final String TRUTH = "truth_";

    /**
     * @param scores the predictions CSV
     * @param truth  a truth CSV, or null
     * @param labels labels to audit (empty: every {@code score_} label)
     */
    public LoadedCohort load(Path scores, Path truth, List<String> labels) throws IOException, CohortInputException {
        return load(scores, truth, labels, true);
    }

    /**
     * As {@link #load(Path, Path, List)}; with {@code requireTruth} false (model B of a comparison,
     * whose truth may come from model A's file) rows without truth are kept with truth unknown.
     */
    public LoadedCohort load(Path scores, Path truth, List<String> labels, boolean requireTruth) throws IOException, CohortInputException {
        CsvTable t = CsvTable.read(scores);
        int id = t.column("id");
        if (id < 0) {
            throw new CohortInputException(scores + ": no 'id' column in header " + t.header());
        }
        List<String> header = t.header();
        int n = header.size();
        String[] scoreOf = new String[n];
        String[] truthOf = new String[n];
        List<String> scoreLabels = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            String lower = header.get(c).toLowerCase(Locale.ROOT);
            if (lower.startsWith(SCORE) && lower.length() > SCORE.length()) {
                scoreOf[c] = header.get(c).substring(SCORE.length());
                scoreLabels.add(scoreOf[c]);
            }
        }
        if (scoreLabels.isEmpty()) {
            throw new CohortInputException(scores + ": no score_<label> column in header " + header);
        }
        for (int c = 0; c < n; c++) {
            String lower = header.get(c).toLowerCase(Locale.ROOT);
            if (lower.startsWith(TRUTH) && lower.length() > TRUTH.length()) {
                String label = header.get(c).substring(TRUTH.length());
                truthOf[c] = scoreLabels.stream().filter(l -> l.equalsIgnoreCase(label)).findFirst().orElse(null);
                if (truthOf[c] == null) {
                    throw new CohortInputException(scores + ": column '" + header.get(c) + "' has no score_" + label
                            + " column; labels with scores: " + String.join(", ", scoreLabels));
                }
            }
        }
        CaseRows rows = new CaseRows();
        scoreLabels.forEach(rows::label);
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            String caseId = row.get(id);
            if (caseId.isEmpty()) {
                throw new CohortInputException(t.where(r, id) + ": empty id");
            }
            CaseRows.Row cr;
            try {
                cr = rows.add(caseId, scores + " line " + t.lines().get(r));
            } catch (CohortInputException e) {
                throw new CohortInputException(t.where(r, id) + ": id '" + caseId + "' appears twice");
            }
            for (int c = 0; c < n; c++) {
                if (c == id) {
                    continue;
                }
                if (scoreOf[c] != null) {
                    cr.scores().put(scoreOf[c], CsvValues.score(t, r, c));
                } else if (truthOf[c] != null) {
                    Byte b = CsvValues.truth(t, r, c);
                    if (b != null) {
                        cr.truth().put(truthOf[c], b);
                    }
                } else {
                    cr.attributes().put(header.get(c), row.get(c));
                }
            }
        }
        String source = scores.toString();
        if (truth != null) {
            source += " joined with " + truth;
            join(rows, TruthTable.read(truth, scoreLabels), t.column("patient_id") >= 0 ? header.get(t.column("patient_id")) : null);
        }
        String hint = truth == null
                ? "add a truth_<label> column or give --truth CSV"
                : "add a truth_<label> column to the scores or a <label>/truth_<label> column to " + truth;
        return rows.build(labels, source, List.of(), hint, requireTruth);
    }

    private static void join(CaseRows rows, TruthTable table, String patientColumn) {
        boolean byPatient = table.key().equals("patient_id") && patientColumn != null;
        int unmatched = 0;
        java.util.Set<String> used = new java.util.HashSet<>();
        for (CaseRows.Row r : rows.rows()) {
            String key = byPatient ? r.attributes().get(patientColumn) : r.id();
            TruthTable.Entry e = key == null ? null : table.entries().get(key);
            if (e == null) {
                unmatched++;
                continue;
            }
            used.add(key);
            r.truth().putAll(e.truth());
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                String mine = r.attributes().get(a.getKey());
                if (mine == null || mine.isBlank()) {
                    r.attributes().put(a.getKey(), a.getValue());
                }
            }
        }
        rows.exclude("scored cases with no row in " + table.file().getFileName() + " (kept; truth from the scores file if any)", unmatched);
        rows.exclude("rows of " + table.file().getFileName() + " matching no scored case (ignored)", table.entries().size() - used.size());
    }
}
