-- Schema version 6: bias flags raised by reviewers in the workstation (issue 6 §7). One row per
-- flag; a reviewer may flag the same case more than once (another category or model). Reviewers
-- are pseudonyms chosen by the user, never names from DICOM. No foreign keys: a flag outlives a
-- model's registration, and its SOP Instance UID is what the feedback bundle carries.

CREATE TABLE bias_flags (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    sop_instance_uid TEXT NOT NULL,
    model_sha256     TEXT,                       -- the model whose output is questioned; NULL: none in particular
    label            TEXT,                       -- the finding concerned; NULL: the case as a whole
    category         TEXT NOT NULL CHECK (category IN ('UNDER_DIAGNOSIS', 'OVER_DIAGNOSIS', 'SHORTCUT',
                                                       'ACQUISITION_ARTEFACT', 'CALIBRATION', 'OTHER')),
    severity         TEXT NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH')),
    subgroup         TEXT,                       -- e.g. "sex=F" or "site=1a2b3c4d*age_band=60-79"
    note             TEXT NOT NULL DEFAULT '',
    reviewer         TEXT NOT NULL,              -- reviewer pseudonym
    created_at       TEXT NOT NULL               -- ISO-8601 UTC instant
);
CREATE INDEX bias_flags_instance ON bias_flags(sop_instance_uid);
