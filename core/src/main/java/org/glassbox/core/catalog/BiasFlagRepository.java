package org.glassbox.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bias flags (table {@code bias_flags}), in the order they were raised. */
public final class BiasFlagRepository {
    private static final String COLUMNS = "id, sop_instance_uid, model_sha256, label, category, severity, subgroup, note, reviewer, created_at";

    private final Connection connection;

    BiasFlagRepository(Connection connection) {
        this.connection = connection;
    }

    /** Stores a new flag (its id is ignored) and returns it with the id it was given. */
    public BiasFlag add(BiasFlag flag) {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO bias_flags(sop_instance_uid, model_sha256, label, category, severity, subgroup, note, reviewer, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, flag.sopInstanceUid());
            setNullable(ps, 2, flag.modelSha256());
            setNullable(ps, 3, flag.label());
            ps.setString(4, flag.category().name());
            ps.setString(5, flag.severity().name());
            setNullable(ps, 6, flag.subgroup());
            ps.setString(7, flag.note());
            ps.setString(8, flag.reviewer());
            ps.setString(9, flag.createdAt().toString());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new CatalogException("no id for the new bias flag");
                }
                return flag.withId(keys.getLong(1));
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot store a bias flag for " + flag.sopInstanceUid(), e);
        }
    }

    /** Removes a flag (a reviewer withdrawing it); true when it existed. */
    public boolean delete(long id) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM bias_flags WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new CatalogException("cannot delete bias flag " + id, e);
        }
    }

    /** Every flag, oldest first. */
    public List<BiasFlag> all() {
        return query("", null);
    }

    /** The flags on one instance, oldest first. */
    public List<BiasFlag> forInstance(String sopInstanceUid) {
        return query(" WHERE sop_instance_uid = ?", sopInstanceUid);
    }

    /** How many flags each flagged instance has (instances without flags are absent). */
    public Map<String, Integer> countsByInstance() {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT sop_instance_uid, COUNT(*) FROM bias_flags GROUP BY sop_instance_uid ORDER BY sop_instance_uid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot count bias flags", e);
        }
    }

    private List<BiasFlag> query(String where, String arg) {
        List<BiasFlag> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM bias_flags" + where + " ORDER BY id")) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BiasFlag(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            BiasFlag.Category.valueOf(rs.getString(5)), BiasFlag.Severity.valueOf(rs.getString(6)), rs.getString(7),
                            rs.getString(8), rs.getString(9), Instant.parse(rs.getString(10))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read bias flags", e);
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
