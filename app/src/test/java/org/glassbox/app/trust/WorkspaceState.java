package org.glassbox.app.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.glassbox.core.catalog.Catalog;

/**
 * What a workspace holds after a crash, checked against the invariants of issue 7 §5, and its
 * canonical content for comparing a resumed run with a clean one.
 *
 * <p>A study is <b>half-imported</b> when any of these holds: an instance whose series or study row
 * is missing; a study without series, a series without instances, a patient without studies; the
 * number of catalogued instances differs from the number of files the import log records as
 * imported or de-identified; a catalogued file is missing, or its size or SHA-256 differs from the
 * catalog's. De-identified copies are complete and referenced, or absent: in {@link Strictness#RESUMED}
 * state no temporary ({@code .pending}) copy and no copy the catalog does not reference may remain;
 * right after a kill ({@link Strictness#AFTER_KILL}) they may, because the next import sweeps them.
 * Cached predictions: every marker row has exactly its number of scores, and no score or embedding
 * row lacks its marker.
 */
final class WorkspaceState {
    enum Strictness { AFTER_KILL, RESUMED }

    private WorkspaceState() {
    }

    /** Every broken invariant, one line each; empty when the workspace is sound. */
    static List<String> problems(Path ws, Strictness strictness) throws Exception {
        List<String> problems = new ArrayList<>();
        Path file = ws.resolve("catalog.sqlite");
        if (!Files.exists(file)) {
            return problems; // killed before the catalog was created: nothing to be inconsistent
        }
        try (Catalog c = Catalog.open(file)) {
            // Opening runs any migration the kill interrupted; it must succeed.
            if (c.schemaVersion() < 1) {
                problems.add("schema version " + c.schemaVersion());
            }
        } catch (RuntimeException e) {
            problems.add("catalog does not open: " + e);
            return problems;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            List<String> integrity = strings(c, "PRAGMA integrity_check");
            if (!integrity.equals(List.of("ok"))) {
                problems.add("integrity_check: " + integrity);
            }
            List<String> fk = strings(c, "PRAGMA foreign_key_check");
            if (!fk.isEmpty()) {
                problems.add("foreign_key_check: " + fk);
            }
            count(problems, c, "instances without their series", "SELECT COUNT(*) FROM instances i LEFT JOIN series s ON s.series_uid = i.series_uid WHERE s.series_uid IS NULL");
            count(problems, c, "series without their study", "SELECT COUNT(*) FROM series s LEFT JOIN studies t ON t.study_uid = s.study_uid WHERE t.study_uid IS NULL");
            count(problems, c, "studies without series", "SELECT COUNT(*) FROM studies t WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.study_uid = t.study_uid)");
            count(problems, c, "series without instances", "SELECT COUNT(*) FROM series s WHERE NOT EXISTS (SELECT 1 FROM instances i WHERE i.series_uid = s.series_uid)");
            count(problems, c, "patients without studies", "SELECT COUNT(*) FROM patients p WHERE NOT EXISTS (SELECT 1 FROM studies t WHERE t.patient_id = p.id)");
            long instances = single(c, "SELECT COUNT(*) FROM instances");
            long logged = single(c, "SELECT COUNT(*) FROM import_files WHERE outcome IN ('imported', 'deidentified')");
            if (instances != logged) {
                problems.add(instances + " instances but " + logged + " files logged as imported or de-identified");
            }
            count(problems, c, "prediction markers with a wrong number of scores", "SELECT COUNT(*) FROM predictions p WHERE p.outputs <> "
                    + "(SELECT COUNT(*) FROM prediction_scores s WHERE s.model_sha256 = p.model_sha256 AND s.sop_instance_uid = p.sop_instance_uid)");
            count(problems, c, "scores without a prediction marker", "SELECT COUNT(*) FROM prediction_scores s WHERE NOT EXISTS (SELECT 1 FROM predictions p "
                    + "WHERE p.model_sha256 = s.model_sha256 AND p.sop_instance_uid = s.sop_instance_uid)");
            count(problems, c, "embeddings without a prediction marker", "SELECT COUNT(*) FROM embeddings e WHERE NOT EXISTS (SELECT 1 FROM predictions p "
                    + "WHERE p.model_sha256 = e.model_sha256 AND p.sop_instance_uid = e.sop_instance_uid)");
            Set<Path> referenced = new HashSet<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT sop_instance_uid, file_path, file_size, content_sha256 FROM instances")) {
                while (rs.next()) {
                    Path f = Path.of(rs.getString(2));
                    referenced.add(f.toAbsolutePath().normalize());
                    if (!Files.isRegularFile(f)) {
                        problems.add(rs.getString(1) + ": catalogued file missing: " + f);
                    } else if (Files.size(f) != rs.getLong(3) || !sha256(f).equals(rs.getString(4))) {
                        problems.add(rs.getString(1) + ": catalogued file incomplete or changed: " + f);
                    }
                }
            }
            if (strictness == Strictness.RESUMED) {
                try (Stream<Path> s = Files.list(ws.resolve("deidentified"))) {
                    for (Path f : s.toList()) {
                        if (!referenced.contains(f.toAbsolutePath().normalize())) {
                            problems.add("de-identified folder holds a file the catalog does not reference: " + f.getFileName());
                        }
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The catalog's content without what legitimately differs between runs (row ids, import ids
     * and times): instances with their hierarchy, pseudonym, hashes, file name and attributes, and
     * cached outputs (logits rounded to 1e-5, since a resumed run batches images differently).
     */
    static List<String> canonical(Path ws) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve("catalog.sqlite").toAbsolutePath());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT i.sop_instance_uid, i.series_uid, s.study_uid, p.pseudonym, t.study_date, i.content_sha256, "
                    + "i.source_sha256, i.file_path, i.file_size, i.rows, i.columns, i.sex, i.age_years, i.site_key, i.manufacturer, i.view_position "
                    + "FROM instances i JOIN series s ON s.series_uid = i.series_uid JOIN studies t ON t.study_uid = s.study_uid "
                    + "JOIN patients p ON p.id = t.patient_id ORDER BY i.sop_instance_uid")) {
                while (rs.next()) {
                    StringBuilder b = new StringBuilder("instance");
                    for (int k = 1; k <= 16; k++) {
                        String v = rs.getString(k);
                        b.append('|').append(k == 8 ? Path.of(v).getFileName() + (v.contains("/deidentified/") ? " (deidentified)" : "") : v);
                    }
                    rows.add(b.toString());
                }
            }
            TreeMap<String, StringBuilder> predictions = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT p.model_sha256, p.sop_instance_uid, p.content_sha256, s.label_index, s.label, s.logit, s.score "
                    + "FROM predictions p JOIN prediction_scores s ON s.model_sha256 = p.model_sha256 AND s.sop_instance_uid = p.sop_instance_uid "
                    + "ORDER BY p.model_sha256, p.sop_instance_uid, s.label_index")) {
                while (rs.next()) {
                    String key = "prediction|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
                    predictions.computeIfAbsent(key, k -> new StringBuilder(k))
                            .append(String.format(java.util.Locale.ROOT, "|%d:%s=%.5f/%.5f", rs.getInt(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7)));
                }
            }
            predictions.values().forEach(b -> rows.add(b.toString()));
            try (ResultSet rs = st.executeQuery("SELECT model_sha256, sop_instance_uid, layer, dims FROM embeddings ORDER BY model_sha256, sop_instance_uid")) {
                while (rs.next()) {
                    rows.add("embedding|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4));
                }
            }
        }
        return rows;
    }

    /** Rows in {@code table}, or -1 when the catalog or the table does not exist yet (read-only, never creates anything). */
    static long countReadOnly(Path ws, String table) {
        Path file = ws.resolve("catalog.sqlite");
        if (!Files.exists(file)) {
            return -1;
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(50);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            return single(c, "SELECT COUNT(*) FROM " + table);
        } catch (SQLException e) {
            return -1; // being created or migrated by the child
        }
    }

    private static void count(List<String> problems, Connection c, String what, String sql) throws SQLException {
        long n = single(c, sql);
        if (n != 0) {
            problems.add(n + " " + what);
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int k = 1; k <= n; k++) {
                    b.append(k > 1 ? "|" : "").append(rs.getString(k));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    static String sha256(Path f) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
