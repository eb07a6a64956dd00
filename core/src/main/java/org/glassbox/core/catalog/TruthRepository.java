package org.glassbox.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Ground-truth labels and attributes, keyed by SOP Instance UID. */
public final class TruthRepository {
    private final Connection connection;

    TruthRepository(Connection connection) {
        this.connection = connection;
    }

    /**
     * Stores the records, replacing earlier values of the same (instance, label) and (instance,
     * attribute); an unknown label (null) removes an earlier value. Call inside
     * {@link Catalog#inTransaction} so a file lands whole. Store only pseudonymized tables
     * ({@link TruthCsv.Table#pseudonymized}).
     */
    public void put(List<TruthRecord> records) throws SQLException {
        try (PreparedStatement unknown = connection.prepareStatement("DELETE FROM truth_labels WHERE sop_instance_uid = ? AND label = ?");
             PreparedStatement label = connection.prepareStatement(
                "INSERT INTO truth_labels(sop_instance_uid, label, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value");
             PreparedStatement attr = connection.prepareStatement(
                "INSERT INTO truth_attributes(sop_instance_uid, name, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value")) {
            for (TruthRecord r : records) {
                for (Map.Entry<String, Boolean> e : r.labels().entrySet()) {
                    if (e.getValue() == null) {
                        unknown.setString(1, r.sopInstanceUid());
                        unknown.setString(2, e.getKey());
                        unknown.addBatch();
                        continue;
                    }
                    label.setString(1, r.sopInstanceUid());
                    label.setString(2, e.getKey());
                    label.setInt(3, e.getValue() ? 1 : 0);
                    label.addBatch();
                }
                for (Map.Entry<String, String> e : r.attributes().entrySet()) {
                    attr.setString(1, r.sopInstanceUid());
                    attr.setString(2, e.getKey());
                    attr.setString(3, e.getValue());
                    attr.addBatch();
                }
            }
            unknown.executeBatch();
            label.executeBatch();
            attr.executeBatch();
        }
    }

    public Optional<TruthRecord> find(String sopInstanceUid) {
        List<TruthRecord> r = query(" WHERE sop_instance_uid = ?", sopInstanceUid);
        return r.stream().findFirst();
    }

    /** Every record, by SOP Instance UID; labels and attributes by name. */
    public List<TruthRecord> all() {
        return query("", null);
    }

    /** The label names present, sorted. */
    public List<String> labelNames() {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT DISTINCT label FROM truth_labels ORDER BY label"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read truth labels", e);
        }
    }

    /** How many of the given SOP Instance UIDs are catalogued instances. */
    public int countCatalogued(List<TruthRecord> records) {
        int n = 0;
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM instances WHERE sop_instance_uid = ?")) {
            for (TruthRecord r : records) {
                ps.setString(1, r.sopInstanceUid());
                try (ResultSet rs = ps.executeQuery()) {
                    n += rs.next() ? 1 : 0;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new CatalogException("cannot match truth to instances", e);
        }
    }

    private List<TruthRecord> query(String where, String parameter) {
        Map<String, Map<String, Boolean>> labels = new LinkedHashMap<>();
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        try {
            try (PreparedStatement ps = connection.prepareStatement("SELECT sop_instance_uid, label, value FROM truth_labels" + where + " ORDER BY 1, 2")) {
                if (parameter != null) {
                    ps.setString(1, parameter);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        labels.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3) == 1);
                    }
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT sop_instance_uid, name, value FROM truth_attributes" + where + " ORDER BY 1, 2")) {
                if (parameter != null) {
                    ps.setString(1, parameter);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attributes.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot read truth", e);
        }
        List<TruthRecord> out = new ArrayList<>();
        java.util.TreeSet<String> uids = new java.util.TreeSet<>(labels.keySet());
        uids.addAll(attributes.keySet());
        for (String uid : uids) {
            out.add(new TruthRecord(uid, labels.getOrDefault(uid, Map.of()), attributes.getOrDefault(uid, Map.of())));
        }
        return out;
    }
}
