package org.glassbox.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model registry (table {@code models}). Registration is idempotent: the same package (same id,
 * version and identity hash) registered again changes nothing but its path when it moved; the same
 * id and version with a different hash is refused, since caches and results key on the hash and a
 * version must name one set of weights.
 */
public final class ModelRepository {
    private static final String COLUMNS = "id, version, format, sha256, path, manifest, registered_at";

    private final Connection connection;

    ModelRepository(Connection connection) {
        this.connection = connection;
    }

    /** What {@link #register} did. */
    public enum Outcome { ADDED, UNCHANGED, PATH_UPDATED }

    /**
     * @throws ModelConflictException when id + version is registered with another hash, or the hash
     *                                under another id + version
     */
    public Outcome register(RegisteredModel model) {
        try {
            Optional<RegisteredModel> same = find(model.id(), model.version());
            if (same.isPresent()) {
                RegisteredModel old = same.get();
                if (!old.sha256().equals(model.sha256())) {
                    throw new ModelConflictException("model " + model.id() + " " + model.version() + " is already registered with sha256 "
                            + old.sha256() + " (" + old.path() + "); this package's sha256 is " + model.sha256()
                            + ": give it a new version");
                }
                if (old.path().equals(model.path())) {
                    return Outcome.UNCHANGED;
                }
                try (PreparedStatement ps = connection.prepareStatement("UPDATE models SET path = ? WHERE id = ? AND version = ?")) {
                    ps.setString(1, model.path());
                    ps.setString(2, model.id());
                    ps.setString(3, model.version());
                    ps.executeUpdate();
                }
                return Outcome.PATH_UPDATED;
            }
            Optional<RegisteredModel> sameHash = findBySha256(model.sha256());
            if (sameHash.isPresent()) {
                throw new ModelConflictException("sha256 " + model.sha256() + " is already registered as " + sameHash.get().id() + " "
                        + sameHash.get().version());
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO models(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, model.id());
                ps.setString(2, model.version());
                ps.setString(3, model.format());
                ps.setString(4, model.sha256());
                ps.setString(5, model.path());
                ps.setString(6, model.manifestJson());
                ps.setString(7, model.registeredAt().toString());
                ps.executeUpdate();
            }
            return Outcome.ADDED;
        } catch (SQLException e) {
            throw new CatalogException("cannot register model " + model.id() + " " + model.version(), e);
        }
    }

    /** Every registered model, by id then version. */
    public List<RegisteredModel> all() {
        return query("SELECT " + COLUMNS + " FROM models ORDER BY id, version", new String[0]);
    }

    public Optional<RegisteredModel> find(String id, String version) {
        return query("SELECT " + COLUMNS + " FROM models WHERE id = ? AND version = ?", new String[] {id, version}).stream().findFirst();
    }

    public Optional<RegisteredModel> findBySha256(String sha256) {
        return query("SELECT " + COLUMNS + " FROM models WHERE sha256 = ?", new String[] {sha256}).stream().findFirst();
    }

    private List<RegisteredModel> query(String sql, String[] args) {
        List<RegisteredModel> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RegisteredModel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), Instant.parse(rs.getString(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read the model registry", e);
        }
    }
}
