package org.glassbox.core.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations: numbered SQL resources ({@code V001__name.sql}, …) listed in
 * {@code migrations/index.txt}, applied in order. {@code PRAGMA user_version} holds the number of
 * the last one applied; each migration runs in its own transaction together with the version bump,
 * so a failed migration leaves the catalog at the previous version.
 */
final class Migrations {
    static final String RESOURCE_DIR = "/org/glassbox/core/catalog/migrations/";
    private static final Pattern NAME = Pattern.compile("V(\\d{3})__[a-z0-9_]+\\.sql");

    /** One migration: its version number and SQL statements. */
    record Migration(int version, String name, List<String> statements) {
    }

    private final List<Migration> migrations;

    Migrations(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3 … without gaps: " + migrations.get(i).name());
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The migrations shipped with this build. */
    static Migrations bundled() {
        List<Migration> list = new ArrayList<>();
        for (String name : readLines(RESOURCE_DIR + "index.txt")) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("bad migration name in index.txt: " + name);
            }
            list.add(new Migration(Integer.parseInt(m.group(1)), name, splitStatements(String.join("\n", readLines(RESOURCE_DIR + name)))));
        }
        return new Migrations(list);
    }

    /** The migrations in order (for tests that build variants). */
    List<Migration> migrationsForTest() {
        return migrations;
    }

    /** The schema version this build expects. */
    int latestVersion() {
        return migrations.size();
    }

    /**
     * Brings the schema up to {@link #latestVersion()}; a no-op when it already is.
     *
     * @return the number of migrations applied
     * @throws CatalogException when the catalog is newer than this build, or a migration fails
     */
    int apply(Connection connection) throws SQLException {
        int current = userVersion(connection);
        if (current > latestVersion()) {
            throw new CatalogException("catalog schema version " + current + " is newer than this GlassBox (" + latestVersion() + "); upgrade GlassBox");
        }
        int applied = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Migration m : migrations.subList(current, migrations.size())) {
                try (Statement st = connection.createStatement()) {
                    for (String sql : m.statements()) {
                        st.execute(sql);
                    }
                    // PRAGMA user_version is transactional in SQLite: it commits or rolls back with the DDL.
                    st.execute("PRAGMA user_version = " + m.version());
                    connection.commit();
                    applied++;
                } catch (SQLException e) {
                    connection.rollback();
                    throw new CatalogException("migration " + m.name() + " failed", e);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return applied;
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Splits on ';' at line ends, dropping '--' comments (our migrations hold no triggers or string literals with ';'). */
    static List<String> splitStatements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (code.isEmpty()) {
                continue;
            }
            current.append(code).append('\n');
            if (code.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static List<String> readLines(String resource) {
        InputStream in = Migrations.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return lines;
    }
}
