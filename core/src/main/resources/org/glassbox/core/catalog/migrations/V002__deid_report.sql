-- GlassBox catalog, schema version 2: the de-identification gate's report of each import
-- (issue 2 §3 "a report per import: counts and reasons"). Reasons are attribute + reason text,
-- never an identifying value.

CREATE TABLE import_deid_counts (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    kind      TEXT NOT NULL CHECK (kind IN ('outcome','reason')),
    name      TEXT NOT NULL,                  -- gate outcome (accepted, rejected, …) or finding reason
    files     INTEGER NOT NULL CHECK (files >= 0),
    PRIMARY KEY (import_id, kind, name)
) WITHOUT ROWID;
