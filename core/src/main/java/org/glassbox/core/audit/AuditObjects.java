package org.glassbox.core.audit;

/**
 * How audit entries name the things they concern: a kind prefix and a pseudonymous identifier.
 * Never a file path, a patient name or any other header value — file and folder names can carry
 * identity, so imports are named by import number and SOP Instance UIDs instead.
 */
public final class AuditObjects {
    private AuditObjects() {
    }

    /** {@code sop:<SOP Instance UID>} */
    public static String sop(String sopInstanceUid) {
        return "sop:" + sopInstanceUid;
    }

    /** {@code study:<Study Instance UID>} */
    public static String study(String studyInstanceUid) {
        return "study:" + studyInstanceUid;
    }

    /** {@code series:<Series Instance UID>} */
    public static String series(String seriesInstanceUid) {
        return "series:" + seriesInstanceUid;
    }

    /** {@code patient:<pseudonym>} — the workspace's keyed pseudonym, never the real ID. */
    public static String patient(String pseudonym) {
        return "patient:" + pseudonym;
    }

    /** {@code model:<package sha256>} — the package identity (SHA-256 of its SHA256SUMS). */
    public static String model(String sha256) {
        return "model:" + sha256;
    }

    /** {@code import:<import number>} — the catalog's import log id. */
    public static String importRun(long importId) {
        return "import:" + importId;
    }

    /** {@code export:<sha256 of the written file>} */
    public static String exportFile(String sha256) {
        return "export:" + sha256;
    }

    /** {@code flag:<id>} */
    public static String flag(String id) {
        return "flag:" + id;
    }
}
