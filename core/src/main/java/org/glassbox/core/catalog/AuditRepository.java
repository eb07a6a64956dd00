package org.glassbox.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit log's catalog copy (table {@code audit_log}). Rows are only ever inserted; nothing here
 * updates or deletes one. Chaining, hashing and the mirror file are {@code core.audit}'s business.
 */
public final class AuditRepository {
    private static final String COLUMNS = "seq, time, user, action, objects, parameters, prev_hash, entry_hash";

    private final Connection connection;

    AuditRepository(Connection connection) {
        this.connection = connection;
    }

    /** Inserts one row (call inside {@link Catalog#inImmediateTransaction}). */
    public void insert(AuditRecord r) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO audit_log(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, r.seq());
            ps.setString(2, r.time());
            ps.setString(3, r.user());
            ps.setString(4, r.action());
            ps.setString(5, r.objectsJson());
            ps.setString(6, r.parametersJson());
            ps.setString(7, r.prevHash());
            ps.setString(8, r.entryHash());
            ps.executeUpdate();
        }
    }

    /** The row with the highest seq, if any. */
    public Optional<AuditRecord> last() {
        List<AuditRecord> out = new ArrayList<>();
        query("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT 1", out::add);
        return out.stream().findFirst();
    }

    /** Every row in ascending seq order, streamed to {@code sink} (the log can be long). */
    public void forEach(Consumer<AuditRecord> sink) {
        query("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq", sink);
    }

    public long count() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM audit_log"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new CatalogException("cannot read the audit log", e);
        }
    }

    private void query(String sql, Consumer<AuditRecord> sink) {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(new AuditRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot read the audit log", e);
        }
    }
}
