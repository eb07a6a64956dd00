package org.glassbox.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.glassbox.core.audit.AuditVerification.Copy;
import org.glassbox.core.audit.AuditVerification.Kind;
import org.glassbox.core.audit.AuditVerification.Problem;
import org.glassbox.core.catalog.Catalog;

/**
 * Recomputes the audit chain from the catalog and from {@code audit.log} and compares the two,
 * streaming both (memory does not grow with the log). For each copy it checks, entry by entry:
 * the line is an entry in canonical form; its hash is the SHA-256 of its canonical bytes; its
 * number is the next one; its previous-hash is the hash of the entry before (genesis for the first).
 * Then it compares the copies entry by entry, and their lengths. The first bad entry is the one with
 * the lowest number among everything found.
 *
 * <p>Detects any edit, deletion, insertion or reordering in either copy, and an attacker who
 * rewrites one copy consistently (the other disagrees). It cannot detect a consistent rewrite of
 * both copies with every hash recomputed: for that, compare the head hash with one written down
 * earlier ({@code expectHead}).
 */
public final class AuditVerifier {
    /** An anchor shorter than this many hex digits would be too easy to match by chance. */
    public static final int MIN_ANCHOR_HEX = 16;

    private AuditVerifier() {
    }

    /**
     * @param expectHead a hash written down earlier (at least {@value #MIN_ANCHOR_HEX} hex digits, a
     *                   prefix is enough), or null; it must be the hash of some entry in the log
     */
    public static AuditVerification verify(Catalog catalog, Path mirrorFile, String expectHead) {
        ChainCheck catalogChain = new ChainCheck(Copy.CATALOG, "catalog");
        ChainCheck mirrorChain = new ChainCheck(Copy.MIRROR, mirrorFile.getFileName().toString());
        List<Problem> divergence = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String anchor = expectHead == null ? null : expectHead.strip().toLowerCase(Locale.ROOT);
        long[] anchorSeq = {-1};
        long[] catalogCount = {0};
        AuditEntry[] catalogHead = {null};
        long mirrorCount;
        try (AuditMirror.Reader reader = new AuditMirror.Reader(mirrorFile)) {
            catalog.audit().forEach(record -> {
                AuditEntry c = AuditLog.fromRecord(record);
                long position = ++catalogCount[0];
                catalogHead[0] = c;
                catalogChain.feed(position, c, null);
                if (anchor != null && anchorSeq[0] < 0 && c.hash().startsWith(anchor)) {
                    anchorSeq[0] = c.seq();
                }
                AuditMirror.Line line = nextLine(reader);
                if (line == null) {
                    if (divergence.isEmpty()) {
                        divergence.add(new Problem(position, Copy.MIRROR, Kind.MISSING_FROM_COPY,
                                "entry " + position + " and later are in the catalog but not in " + mirrorChain.name
                                        + " (deleted from " + mirrorChain.name + ")"));
                    }
                    return;
                }
                AuditEntry m = mirrorChain.feedLine(position, line);
                if (m != null && divergence.isEmpty()) {
                    List<String> fields = c.differingFields(m);
                    if (!fields.isEmpty()) {
                        divergence.add(new Problem(position, Copy.BOTH, Kind.COPIES_DIFFER, "entry " + position + " differs between the catalog and "
                                + mirrorChain.name + " (" + String.join(", ", fields) + ")"));
                    }
                }
            });
            mirrorCount = catalogCount[0];
            List<AuditMirror.Line> extra = new ArrayList<>();
            for (AuditMirror.Line line; (line = reader.next()) != null; ) {
                if (!line.complete()) {
                    notes.add(mirrorChain.name + " ends in an incomplete line of an interrupted append; the next append moves it aside");
                    break;
                }
                mirrorCount++;
                if (extra.size() < 2) {
                    extra.add(line);
                }
                mirrorChain.feedLine(mirrorCount, line);
            }
            if (mirrorCount > catalogCount[0]) {
                AuditEntry pending = extra.size() == 1 ? AuditLog.adoptable(catalogHead[0], extra.get(0).text()) : null;
                if (pending != null) {
                    notes.add("entry " + pending.seq() + " is in " + mirrorChain.name + " but not yet in the catalog (an append interrupted before"
                            + " its commit, or the catalog's newest row deleted); the next append restores it to the catalog");
                } else if (divergence.isEmpty()) {
                    divergence.add(new Problem(catalogCount[0] + 1, Copy.CATALOG, Kind.MISSING_FROM_COPY, "entries " + (catalogCount[0] + 1)
                            + ".." + mirrorCount + " are in " + mirrorChain.name + " but not in the catalog (inserted in "
                            + mirrorChain.name + ", or deleted from the catalog)"));
                }
            }
        } catch (IOException e) {
            throw new AuditLogException(mirrorFile + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new AuditLogException(mirrorFile + ": cannot read: " + e.getCause().getMessage(), e.getCause());
        }

        List<Problem> problems = new ArrayList<>();
        if (catalogChain.first != null) {
            problems.add(catalogChain.first);
        }
        if (mirrorChain.first != null) {
            problems.add(mirrorChain.first);
        }
        problems.addAll(divergence);
        // Stable sort: at the same entry, a copy's own chain break explains more than "the copies differ".
        problems.sort(Comparator.comparingLong(Problem::seq));
        if (anchor != null) {
            if (anchor.length() < MIN_ANCHOR_HEX || !anchor.matches("[0-9a-f]+")) {
                throw new IllegalArgumentException("expected head must be at least " + MIN_ANCHOR_HEX + " hex digits, got '" + expectHead + "'");
            }
            if (anchorSeq[0] < 0) {
                problems.add(new Problem(catalogCount[0], Copy.BOTH, Kind.ANCHOR_NOT_FOUND, "no entry has the expected hash " + anchor
                        + ": the log was rewritten or cut back at or before the point where that hash was written down"));
            }
        }
        AuditEntry head = catalogHead[0];
        return new AuditVerification(catalogCount[0], mirrorCount, head == null ? 0 : head.seq(), head == null ? AuditCanonical.GENESIS : head.hash(),
                problems, notes, anchorSeq[0]);
    }

    private static AuditMirror.Line nextLine(AuditMirror.Reader reader) {
        try {
            AuditMirror.Line line = reader.next();
            return line == null || !line.complete() ? null : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One copy's chain: remembers the previous hash and the first problem. */
    private static final class ChainCheck {
        private final Copy copy;
        private final String name;
        private String prevHash = AuditCanonical.GENESIS;
        private Problem first;

        ChainCheck(Copy copy, String name) {
            this.copy = copy;
            this.name = name;
        }

        /** Parses and checks a mirror line; returns the entry, or null when it is not one. */
        AuditEntry feedLine(long position, AuditMirror.Line line) {
            AuditEntry e;
            try {
                if (line.tooLong()) {
                    throw new IllegalArgumentException("longer than " + AuditMirror.MAX_LINE_BYTES + " bytes");
                }
                e = AuditCanonical.parseLine(line.text());
            } catch (IllegalArgumentException x) {
                report(position, Kind.MALFORMED, name + " line " + line.number() + " is not an audit entry (" + x.getMessage() + ")");
                prevHash = null;
                return null;
            }
            feed(position, e, line.text());
            return e;
        }

        /** @param rawLine the mirror line as read (null for a catalog row) */
        void feed(long position, AuditEntry e, String rawLine) {
            String where = name + ": entry " + position;
            if (!e.selfConsistent()) {
                report(position, Kind.EDITED, where + ": its content does not match its hash (edited, or moved from another place)");
            } else if (rawLine != null && !AuditCanonical.line(e).equals(rawLine)) {
                report(position, Kind.EDITED, where + ": the line is not in canonical form (edited)");
            } else if (rawLine == null && !AuditCanonical.isCanonicalObject(e.parametersJson())) {
                report(position, Kind.EDITED, where + ": its parameters are not in canonical form (edited)");
            } else if (e.seq() > position) {
                report(position, Kind.DELETED, where + " is missing: entry " + e.seq() + " follows entry " + (position - 1)
                        + " (deleted, or moved)");
            } else if (e.seq() < position) {
                report(position, Kind.INSERTED_OR_REORDERED, where + ": found entry " + e.seq() + " where entry " + position
                        + " belongs (inserted, duplicated or reordered)");
            } else if (prevHash != null && !e.prevHash().equals(prevHash)) {
                report(position, Kind.INSERTED_OR_REORDERED, where + " does not chain to entry " + (position - 1)
                        + " (its previous-hash differs): an entry before it was replaced, inserted or reordered");
            }
            prevHash = e.hash();
        }

        private void report(long position, Kind kind, String message) {
            if (first == null) {
                first = new Problem(position, copy, kind, message);
            }
        }
    }
}
