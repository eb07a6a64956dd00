package org.glassbox.core.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The SQLite catalog of one workspace: one JDBC connection, configured for WAL, foreign keys and a
 * busy timeout, with the schema brought up to date on open.
 *
 * <p>Not thread-safe: one {@code Catalog} per thread. Several {@code Catalog}s (threads or
 * processes) may open the same file; WAL lets readers run while one writer writes, and the busy
 * timeout makes a second writer wait instead of failing at once.
 */
public final class Catalog implements AutoCloseable {
    /** How long a writer waits for another writer's lock before SQLITE_BUSY, in milliseconds. */
    public static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection connection;
    private final StudyRepository studies;
    private final InstanceRepository instances;
    private final TruthRepository truth;
    private final ImportLogRepository importLog;
    private final ModelRepository models;
    private final PredictionRepository predictions;
    private final AuditRepository audit;
    private final PhiNameTokenRepository phiNameTokens;
    private final BiasFlagRepository flags;

    private Catalog(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.studies = new StudyRepository(connection);
        this.instances = new InstanceRepository(connection);
        this.truth = new TruthRepository(connection);
        this.importLog = new ImportLogRepository(connection);
        this.models = new ModelRepository(connection);
        this.predictions = new PredictionRepository(connection);
        this.audit = new AuditRepository(connection);
        this.phiNameTokens = new PhiNameTokenRepository(connection);
        this.flags = new BiasFlagRepository(connection);
    }

    /**
     * Opens (creating if needed) the catalog at {@code file} and applies pending migrations.
     *
     * @throws CatalogException naming the file when it cannot be opened or migrated
     */
    public static Catalog open(Path file) {
        return open(file, Migrations.bundled());
    }

    static Catalog open(Path file, Migrations migrations) {
        Objects.requireNonNull(file, "file");
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                st.execute("PRAGMA journal_mode = WAL");
                // NORMAL is durable across application crashes in WAL mode; only an OS crash or power
                // loss can lose the last committed transactions (never corrupt the file).
                st.execute("PRAGMA synchronous = NORMAL");
                st.execute("PRAGMA foreign_keys = ON");
            }
            migrations.apply(c);
            return new Catalog(file, c);
        } catch (SQLException | CatalogException e) {
            closeQuietly(c);
            throw new CatalogException(file + ": cannot open catalog", e);
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version (PRAGMA user_version). */
    public int schemaVersion() {
        try {
            return Migrations.userVersion(connection);
        } catch (SQLException e) {
            throw new CatalogException(file + ": cannot read schema version", e);
        }
    }

    public StudyRepository studies() {
        return studies;
    }

    public InstanceRepository instances() {
        return instances;
    }

    public TruthRepository truth() {
        return truth;
    }

    public ImportLogRepository importLog() {
        return importLog;
    }

    public ModelRepository models() {
        return models;
    }

    /** Cached model outputs (scores, embeddings) by model identity + SOP Instance UID. */
    public PredictionRepository predictions() {
        return predictions;
    }

    /** The audit log's catalog copy (append-only; see {@code core.audit}). */
    public AuditRepository audit() {
        return audit;
    }

    /** Keyed hashes of name tokens seen in identifying headers (see {@code core.privacy}). */
    public PhiNameTokenRepository phiNameTokens() {
        return phiNameTokens;
    }

    /** Bias flags raised by reviewers. */
    public BiasFlagRepository flags() {
        return flags;
    }

    /** Work run inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws
     * (anything), so either all of its writes are in the catalog or none.
     *
     * @throws CatalogException wrapping an SQL failure (after rollback); other exceptions pass through
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new CatalogException(file + ": transaction rolled back", e);
        }
    }

    /**
     * Like {@link #inTransaction} but takes the database's write lock first ({@code BEGIN
     * IMMEDIATE}, waiting up to {@link #BUSY_TIMEOUT_MS}), so a read-then-write sequence (read the
     * head, append after it) cannot interleave with another connection's — in this process or any
     * other. Do not call it while this thread holds another connection's write transaction.
     */
    public <T> T inImmediateTransaction(TransactionWork<T> work) {
        try (Statement st = connection.createStatement()) {
            // sqlite-jdbc stays in auto-commit mode: the explicit BEGIN/COMMIT are ours alone.
            st.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                st.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new CatalogException(file + ": transaction rolled back", e);
        }
    }

    /** The raw connection, for migrations and tests in this package. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Nothing useful to do: the data is committed or rolled back already.
            }
        }
    }
}
