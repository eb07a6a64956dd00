package org.glassbox.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path tmp;

    @Test
    void migratesAnEmptyFileToTheLatestSchemaWithWalAndForeignKeys() throws SQLException {
        Path file = tmp.resolve("catalog.sqlite");
        try (Catalog c = Catalog.open(file)) {
            assertThat(c.schemaVersion()).isEqualTo(Migrations.bundled().latestVersion()).isGreaterThanOrEqualTo(1);
            assertThat(tables(c.connection())).contains("patients", "studies", "series", "instances", "truth_labels", "truth_attributes",
                    "imports", "import_files");
            assertThat(pragma(c.connection(), "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c.connection(), "foreign_keys")).isEqualTo("1");
            assertThat(Integer.parseInt(pragma(c.connection(), "busy_timeout"))).isEqualTo(Catalog.BUSY_TIMEOUT_MS);
        }
    }

    @Test
    void reopeningAppliesNothingAndKeepsData() throws SQLException {
        Path file = tmp.resolve("catalog.sqlite");
        try (Catalog c = Catalog.open(file)) {
            c.importLog().begin("REJECT", java.time.Instant.EPOCH);
        }
        try (Catalog c = Catalog.open(file)) {
            assertThat(Migrations.bundled().apply(c.connection())).isZero();
            assertThat(c.importLog().all()).hasSize(1);
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Catalog c = Catalog.open(tmp.resolve("catalog.sqlite"))) {
            assertThatThrownBy(() -> {
                try (Statement st = c.connection().createStatement()) {
                    st.execute("INSERT INTO series(series_uid, study_uid) VALUES ('1.2', 'no-such-study')");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void aFailingMigrationLeavesThePreviousVersionIntact() throws SQLException {
        Path file = tmp.resolve("catalog.sqlite");
        Migrations good = Migrations.bundled();
        List<Migrations.Migration> list = new ArrayList<>();
        for (int v = 1; v <= good.latestVersion(); v++) {
            list.add(Migrations.bundled().migrationsForTest().get(v - 1));
        }
        int next = good.latestVersion() + 1;
        list.add(new Migrations.Migration(next, String.format("V%03d__broken.sql", next),
                List.of("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL")));
        assertThatThrownBy(() -> Catalog.open(file, new Migrations(list)))
                .isInstanceOf(CatalogException.class).hasMessageContaining("broken");
        try (Catalog c = Catalog.open(file)) {
            assertThat(c.schemaVersion()).isEqualTo(good.latestVersion());
            assertThat(tables(c.connection())).doesNotContain("half_done");
        }
    }

    @Test
    void refusesACatalogNewerThanThisBuild() throws SQLException {
        Path file = tmp.resolve("catalog.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 999");
        }
        assertThatThrownBy(() -> Catalog.open(file)).isInstanceOf(CatalogException.class).hasMessageContaining("newer than this GlassBox");
    }

    @Test
    void splitsStatementsAndDropsComments() {
        assertThat(Migrations.splitStatements("-- head\nCREATE TABLE a (x INT, -- note\n y INT);\n\nCREATE INDEX i ON a(x);\n"))
                .containsExactly("CREATE TABLE a (x INT,\ny INT);", "CREATE INDEX i ON a(x);");
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
