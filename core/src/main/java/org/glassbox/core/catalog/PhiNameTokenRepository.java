package org.glassbox.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Keyed hashes of name tokens seen in identifying headers (table {@code phi_name_tokens}): what the
 * free-text PHI scanner compares note tokens with. The catalog never holds the names themselves.
 */
public final class PhiNameTokenRepository {
    private final Connection connection;

    PhiNameTokenRepository(Connection connection) {
        this.connection = connection;
    }

    /** Adds hashes (idempotent). */
    public void addAll(Collection<String> tokenHashes) throws SQLException {
        if (tokenHashes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO phi_name_tokens(token_hash) VALUES (?)")) {
            for (String h : tokenHashes) {
                ps.setString(1, h);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every stored hash (a few bytes each; a workspace sees at most some ten thousand names). */
    public Set<String> all() {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT token_hash FROM phi_name_tokens"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new CatalogException("cannot read the name-token hashes", e);
        }
    }
}
