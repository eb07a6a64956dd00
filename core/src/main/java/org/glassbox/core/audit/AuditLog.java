package org.glassbox.core.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.glassbox.core.catalog.AuditRecord;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CatalogException;
import org.glassbox.core.workspace.Workspace;

/**
 * Appends to a workspace's audit log: the catalog table {@code audit_log} and its mirror
 * {@code audit.log} (ADR 0015).
 *
 * <p><b>One writer.</b> An append runs inside a catalog transaction that takes SQLite's write lock
 * first ({@code BEGIN IMMEDIATE}), so appends from several threads (one lock per instance, plus the
 * database lock for several instances) and several processes are serialised: each reads the head,
 * chains to it and writes both copies before the next may start.
 *
 * <p><b>Order and recovery.</b> Within that transaction the row is inserted, then the mirror line
 * is written and forced to disk, then the transaction commits. So the mirror is never behind the
 * catalog; if the process dies between the mirror write and the commit, the mirror holds exactly
 * one entry the catalog lacks, complete and chained to the catalog's head. If it dies during the
 * mirror write, the mirror ends in an incomplete line. The next append repairs both before
 * appending: it moves an incomplete last line aside ({@code audit.log.torn-<ms>}), adopts a complete
 * chained entry into the catalog, and records what it did as an
 * {@link AuditAction#AUDIT_LOG_RECOVERY} entry. Nothing is ever lost or rewritten in place.
 *
 * <p>Call it outside any write transaction of your own on the same catalog (SQLite has one writer;
 * waiting on yourself would time out).
 */
public final class AuditLog implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Catalog catalog;
    private final AuditMirror mirror;
    private final String user;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param catalog owned by this log from now on (closed with it); used only under its lock
     * @param user    recorded in every entry
     */
    public AuditLog(Catalog catalog, Path mirrorFile, String user, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.mirror = new AuditMirror(Objects.requireNonNull(mirrorFile, "mirrorFile"));
        this.user = Objects.requireNonNull(user, "user");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The workspace's audit log, recording the configured pseudonym or the OS user. */
    public static AuditLog open(Workspace workspace) throws IOException {
        String user = workspace.settings().effectiveAuditUser();
        return new AuditLog(Catalog.open(workspace.catalogFile()), workspace.auditLog(), user, Clock.systemUTC());
    }

    /**
     * The one-liner for commands: opens the workspace's log, appends one entry, closes it.
     *
     * @param objects    see {@link AuditObjects}; pseudonymous identifiers only
     * @param parameters what the action was run with (strings, numbers, booleans, lists, maps); no PHI
     * @throws AuditLogException when the entry cannot be written to both copies
     */
    public static AuditEntry record(Workspace workspace, AuditAction action, List<String> objects, Map<String, ?> parameters) {
        try (AuditLog log = open(workspace)) {
            return log.append(action, objects, parameters);
        } catch (IOException e) {
            throw new AuditLogException(workspace.auditLog() + ": cannot append: " + e.getMessage(), e);
        }
    }

    /**
     * Appends one entry to both copies (after repairing an interrupted earlier append, if any).
     *
     * @throws AuditLogException when either copy cannot be written; then neither holds the entry
     *                           in a committed, chained form (the mirror may hold it alone, which the
     *                           next append adopts)
     */
    public AuditEntry append(AuditAction action, List<String> objects, Map<String, ?> parameters) {
        Objects.requireNonNull(action, "action");
        String params = AuditCanonical.parameters(parameters);
        List<String> objs = List.copyOf(objects);
        lock.lock();
        try {
            return catalog.inImmediateTransaction(() -> {
                AuditEntry head = recover(catalog.audit().last().map(AuditLog::fromRecord).orElse(null));
                return write(head, action.name(), objs, params);
            });
        } catch (CatalogException e) {
            Throwable cause = e.getCause();
            throw new AuditLogException(mirror.file() + ": cannot append " + action + ": " + (cause != null ? cause.getMessage() : e.getMessage()), e);
        } finally {
            lock.unlock();
        }
    }

    /** The newest entry in the catalog copy (read-only: no recovery, nothing appended). */
    public Optional<AuditEntry> head() {
        lock.lock();
        try {
            return catalog.audit().last().map(AuditLog::fromRecord);
        } finally {
            lock.unlock();
        }
    }

    private AuditEntry write(AuditEntry head, String action, List<String> objects, String params) throws SQLException {
        long seq = head == null ? 1 : head.seq() + 1;
        String prev = head == null ? AuditCanonical.GENESIS : head.hash();
        String time = TIME.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        AuditEntry unhashed = new AuditEntry(seq, time, user, action, objects, params, prev, "");
        AuditEntry entry = new AuditEntry(seq, time, user, action, objects, params, prev, AuditCanonical.hash(unhashed));
        catalog.audit().insert(toRecord(entry));
        try {
            mirror.append(AuditCanonical.line(entry));
        } catch (IOException e) {
            throw new SQLException("cannot write " + mirror.file() + ": " + e.getMessage(), e);
        }
        return entry;
    }

    /** Repairs what an interrupted append left (see the class comment); returns the head to chain to. */
    private AuditEntry recover(AuditEntry head) throws SQLException {
        List<String> notes = new ArrayList<>();
        try {
            AuditMirror.Tail tail = mirror.tail();
            if (tail.tornBytes() > 0) {
                Path aside = mirror.setAsideTornTail(tail.tornBytes());
                notes.add("moved an incomplete last line of " + tail.tornBytes() + " bytes (an append interrupted while writing) to "
                        + aside.getFileName());
            }
            AuditEntry pending = adoptable(head, tail.lastLine());
            if (pending != null) {
                catalog.audit().insert(toRecord(pending));
                head = pending;
                notes.add("adopted entry " + pending.seq() + " from " + mirror.file().getFileName()
                        + " into the catalog (an append interrupted before its catalog commit)");
            }
        } catch (IOException e) {
            throw new SQLException("cannot read " + mirror.file() + ": " + e.getMessage(), e);
        }
        if (notes.isEmpty()) {
            return head;
        }
        return write(head, AuditAction.AUDIT_LOG_RECOVERY.name(), List.of(), AuditCanonical.parameters(Map.of("repairs", notes)));
    }

    /** The mirror's last entry when it is the complete, valid successor of the catalog's head; else null. */
    static AuditEntry adoptable(AuditEntry head, String lastLine) {
        if (lastLine == null || lastLine.isEmpty()) {
            return null;
        }
        AuditEntry m;
        try {
            m = AuditCanonical.parseLine(lastLine);
        } catch (IllegalArgumentException e) {
            return null;
        }
        long expectedSeq = head == null ? 1 : head.seq() + 1;
        String expectedPrev = head == null ? AuditCanonical.GENESIS : head.hash();
        boolean valid = m.seq() == expectedSeq && m.prevHash().equals(expectedPrev) && m.selfConsistent()
                && AuditCanonical.line(m).equals(lastLine);
        return valid ? m : null;
    }

    static AuditRecord toRecord(AuditEntry e) {
        return new AuditRecord(e.seq(), e.time(), e.user(), e.action(), AuditCanonical.objects(e.objects()), e.parametersJson(), e.prevHash(),
                e.hash());
    }

    /** A catalog row as an entry (objects parsed back to a list; parameters kept as stored). */
    public static AuditEntry fromRecord(AuditRecord r) {
        List<String> objects;
        try {
            objects = AuditCanonical.parseObjects(r.objectsJson());
        } catch (IllegalArgumentException e) {
            objects = List.of("<malformed objects: " + r.objectsJson() + ">");
        }
        return new AuditEntry(r.seq(), r.time(), r.user(), r.action(), objects, r.parametersJson(), r.prevHash(), r.entryHash());
    }

    @Override
    public void close() {
        catalog.close();
    }
}
