package org.glassbox.core.catalog;

/**
 * One row of the audit log as stored (table {@code audit_log}); {@code core.audit} gives it meaning.
 *
 * @param seq            1, 2, 3 … in append order
 * @param time           ISO-8601 UTC instant as stored
 * @param user           OS user name or configured pseudonym
 * @param action         action name
 * @param objectsJson    canonical JSON array of strings
 * @param parametersJson canonical JSON object
 * @param prevHash       entry hash of the entry before (genesis value for seq 1)
 * @param entryHash      SHA-256 of this entry's canonical serialisation
 */
public record AuditRecord(long seq, String time, String user, String action, String objectsJson, String parametersJson,
                          String prevHash, String entryHash) {
}
