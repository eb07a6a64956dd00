package org.glassbox.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The import log: one row per import (time, policy, counts) and one per input file (outcome, reason). */
public final class ImportLogRepository {
    private final Connection connection;
    private PreparedStatement insertFile;

    ImportLogRepository(Connection connection) {
        this.connection = connection;
    }

    /** Starts an import and returns its id. Committed at once so file rows can refer to it. */
    public long begin(String policy, Instant startedAt) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO imports(started_at, policy) VALUES (?, ?)")) {
            ps.setString(1, startedAt.toString());
            ps.setString(2, policy);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot start import log", e);
        }
    }

    /** Logs one file's outcome; call inside the batch's transaction. */
    public void logFile(long importId, String file, ImportOutcome outcome, String reason) throws SQLException {
        if (insertFile == null) {
            insertFile = connection.prepareStatement("INSERT INTO import_files(import_id, file, outcome, reason) VALUES (?, ?, ?, ?)");
        }
        insertFile.setLong(1, importId);
        insertFile.setString(2, file);
        insertFile.setString(3, outcome.code());
        insertFile.setString(4, reason);
        insertFile.executeUpdate();
    }

    /** Records the end of an import with its counts per outcome. */
    public void finish(long importId, Map<ImportOutcome, Integer> counts, Instant finishedAt) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE imports SET finished_at = ?, files = ?, imported = ?, rejected = ?, "
                + "quarantined = ?, deidentified = ?, duplicates = ?, errors = ? WHERE id = ?")) {
            ps.setString(1, finishedAt.toString());
            ps.setInt(2, counts.values().stream().mapToInt(Integer::intValue).sum());
            ps.setInt(3, counts.getOrDefault(ImportOutcome.IMPORTED, 0));
            ps.setInt(4, counts.getOrDefault(ImportOutcome.REJECTED, 0));
            ps.setInt(5, counts.getOrDefault(ImportOutcome.QUARANTINED, 0));
            ps.setInt(6, counts.getOrDefault(ImportOutcome.DEIDENTIFIED, 0));
            ps.setInt(7, counts.getOrDefault(ImportOutcome.DUPLICATE, 0));
            ps.setInt(8, counts.getOrDefault(ImportOutcome.ERROR, 0));
            ps.setLong(9, importId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("cannot finish import log " + importId, e);
        }
    }

    /**
     * Stores the de-identification gate's report of an import (schema V002): files per gate outcome
     * and per finding reason. Replaces what was stored for this import before.
     *
     * @param outcomes outcome name (e.g. "ACCEPTED") → files
     * @param reasons  finding ("PatientName present and non-empty …") → files it was found in
     */
    public void logDeidReport(long importId, Map<String, Integer> outcomes, Map<String, Integer> reasons) {
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM import_deid_counts WHERE import_id = ?");
             PreparedStatement ins = connection.prepareStatement("INSERT INTO import_deid_counts(import_id, kind, name, files) VALUES (?, ?, ?, ?)")) {
            del.setLong(1, importId);
            del.executeUpdate();
            for (String kind : new String[] {"outcome", "reason"}) {
                for (Map.Entry<String, Integer> e : ("outcome".equals(kind) ? outcomes : reasons).entrySet()) {
                    ins.setLong(1, importId);
                    ins.setString(2, kind);
                    ins.setString(3, e.getKey());
                    ins.setInt(4, e.getValue());
                    ins.addBatch();
                }
            }
            ins.executeBatch();
        } catch (SQLException e) {
            throw new CatalogException("cannot store the de-identification report of import " + importId, e);
        }
    }

    /** Finding reason → files, sorted by reason, as stored by {@link #logDeidReport}. */
    public Map<String, Integer> deidReasons(long importId) {
        return deidCounts(importId, "reason");
    }

    /** Gate outcome → files, as stored by {@link #logDeidReport}. */
    public Map<String, Integer> deidOutcomes(long importId) {
        return deidCounts(importId, "outcome");
    }

    private Map<String, Integer> deidCounts(long importId, String kind) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name, files FROM import_deid_counts WHERE import_id = ? AND kind = ?")) {
            ps.setLong(1, importId);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read the de-identification report of import " + importId, e);
        }
    }

    /** All imports, oldest first. */
    public List<ImportRecord> all() {
        List<ImportRecord> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, started_at, finished_at, policy, imported, rejected, quarantined, "
                + "deidentified, duplicates, errors FROM imports ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<ImportOutcome, Integer> counts = new EnumMap<>(ImportOutcome.class);
                ImportOutcome[] order = ImportOutcome.values();
                for (int i = 0; i < order.length; i++) {
                    counts.put(order[i], rs.getInt(5 + i));
                }
                String finished = rs.getString(3);
                out.add(new ImportRecord(rs.getLong(1), Instant.parse(rs.getString(2)), finished == null ? null : Instant.parse(finished),
                        rs.getString(4), counts));
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read import log", e);
        }
    }

    /** The files of one import in the order they were logged. */
    public List<ImportFileRecord> files(long importId) {
        List<ImportFileRecord> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT file, outcome, reason FROM import_files WHERE import_id = ? ORDER BY id")) {
            ps.setLong(1, importId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImportFileRecord(rs.getString(1), ImportOutcome.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read files of import " + importId, e);
        }
    }
}
