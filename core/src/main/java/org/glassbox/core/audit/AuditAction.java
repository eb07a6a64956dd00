package org.glassbox.core.audit;

/**
 * What an audit entry records. Stored by name; a verifier accepts names it does not know (an entry
 * written by a newer GlassBox still verifies), so never rename a constant, only add.
 */
public enum AuditAction {
    IMPORT,
    STUDY_VIEW,
    INFERENCE,
    EXPLANATION,
    FAIRNESS_AUDIT,
    COMPARISON,
    FLAG,
    NOTE,
    EXPORT,
    REPORT,
    QUALITY_CHECK,
    MODEL_REGISTRATION,
    MODEL_VERIFICATION,
    /** GlassBox repaired the mirror after an interrupted append (see {@link AuditLog}). */
    AUDIT_LOG_RECOVERY
}
