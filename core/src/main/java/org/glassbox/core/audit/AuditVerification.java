package org.glassbox.core.audit;

import java.util.List;

/**
 * What {@link AuditVerifier} found.
 *
 * @param catalogEntries  rows in the catalog copy
 * @param mirrorEntries   lines in {@code audit.log} (an incomplete last line not counted)
 * @param headSeq         seq of the catalog's newest entry (0 when empty)
 * @param headHash        its hash ({@link AuditCanonical#GENESIS} when empty): write it down as an anchor
 * @param problems        what is wrong, earliest entry first; empty when intact
 * @param notes           benign findings (an interrupted append awaiting recovery), one line each
 * @param anchorSeq       with an expected head: the seq of the entry carrying it, or -1 when absent
 */
public record AuditVerification(long catalogEntries, long mirrorEntries, long headSeq, String headHash, List<Problem> problems,
                                List<String> notes, long anchorSeq) {
    public AuditVerification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** The first bad entry, or null when intact. */
    public Problem firstProblem() {
        return problems.isEmpty() ? null : problems.get(0);
    }

    /** Which copy a problem was found in. */
    public enum Copy { CATALOG, MIRROR, BOTH }

    /** What kind of tampering (or damage) the evidence points to. */
    public enum Kind {
        /** An entry's content does not match its own hash, or is not in canonical form. */
        EDITED,
        /** The expected entry is absent: the next one found has a higher number. */
        DELETED,
        /** An entry appears out of its place, or does not chain to the one before it. */
        INSERTED_OR_REORDERED,
        /** The two copies hold different entries under the same number. */
        COPIES_DIFFER,
        /** One copy holds entries the other lacks (beyond a single interrupted append). */
        MISSING_FROM_COPY,
        /** A line of {@code audit.log} is not an entry at all. */
        MALFORMED,
        /** The anchor given with {@code --expect-head} is not in the log. */
        ANCHOR_NOT_FOUND
    }

    /**
     * @param seq     the number of the first bad entry (its position in the chain, 1-based)
     * @param copy    where it was found
     * @param kind    what it looks like
     * @param message one line for a person
     */
    public record Problem(long seq, Copy copy, Kind kind, String message) {
    }
}
