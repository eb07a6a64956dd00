-- Schema version 5: the tamper-evident audit log (issue 7 §1, ADR 0015) and the keyed hashes of
-- person-name tokens seen in refused or de-identified headers (issue 7 §3).
--
-- audit_log is append-only by convention (GlassBox never updates or deletes a row) and tamper-
-- evident by construction: entry_hash = SHA-256 of the entry's canonical serialisation, which
-- includes prev_hash, the entry_hash of the entry before (a fixed genesis value for seq 1). The same
-- entries are mirrored, one JSON line each, to <workspace>/audit.log. See core.audit.AuditCanonical.

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY CHECK (seq >= 1), -- 1, 2, 3 … without gaps
    time        TEXT NOT NULL,                        -- ISO-8601 UTC instant, millisecond precision
    user        TEXT NOT NULL,                        -- OS user name or the workspace's configured pseudonym
    action      TEXT NOT NULL,                        -- core.audit.AuditAction name
    objects     TEXT NOT NULL,                        -- canonical JSON array of strings ("sop:…", "model:…")
    parameters  TEXT NOT NULL,                        -- canonical JSON object
    prev_hash   TEXT NOT NULL,                        -- 64 lower-case hex digits
    entry_hash  TEXT NOT NULL UNIQUE                  -- 64 lower-case hex digits
);

-- HMAC-SHA256 (workspace key, domain "phi-name-token") of each normalised name token seen in a
-- person-name header value of a refused, quarantined or de-identified file. Never the names.
CREATE TABLE phi_name_tokens (
    token_hash  TEXT PRIMARY KEY                      -- 64 lower-case hex digits
) WITHOUT ROWID;
