package org.glassbox.core.audit;

import java.util.List;
import java.util.Objects;

/**
 * One audit entry, as hashed. See {@link AuditCanonical} for the exact bytes {@link #hash()} covers.
 *
 * @param seq            1, 2, 3 … without gaps
 * @param time           ISO-8601 UTC instant, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}
 * @param user           OS user name or the workspace's configured pseudonym
 * @param action         an {@link AuditAction} name (unknown names from newer versions are kept)
 * @param objects        what it concerns, see {@link AuditObjects}; order as given
 * @param parametersJson canonical JSON object ({@link AuditCanonical#parameters})
 * @param prevHash       {@link #hash()} of entry {@code seq - 1}, or {@link AuditCanonical#GENESIS}
 * @param hash           SHA-256 (lower-case hex) of {@link AuditCanonical#bytes(AuditEntry)}
 */
public record AuditEntry(long seq, String time, String user, String action, List<String> objects, String parametersJson,
                         String prevHash, String hash) {
    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        objects = List.copyOf(objects);
        Objects.requireNonNull(parametersJson, "parametersJson");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** True when {@link #hash()} is the SHA-256 of this entry's canonical bytes. */
    public boolean selfConsistent() {
        return hash.equals(AuditCanonical.hash(this));
    }

    /** The names of the fields where {@code other} differs (empty when equal). */
    public List<String> differingFields(AuditEntry other) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (seq != other.seq) {
            out.add("seq");
        }
        if (!time.equals(other.time)) {
            out.add("time");
        }
        if (!user.equals(other.user)) {
            out.add("user");
        }
        if (!action.equals(other.action)) {
            out.add("action");
        }
        if (!objects.equals(other.objects)) {
            out.add("objects");
        }
        if (!parametersJson.equals(other.parametersJson)) {
            out.add("parameters");
        }
        if (!prevHash.equals(other.prevHash)) {
            out.add("prev");
        }
        if (!hash.equals(other.hash)) {
            out.add("hash");
        }
        return out;
    }
}
