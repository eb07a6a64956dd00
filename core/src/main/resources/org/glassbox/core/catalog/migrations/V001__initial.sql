-- GlassBox catalog, schema version 1: study hierarchy, instances with subgroup attributes,
-- ground truth, import log. Dates are ISO-8601 text; timestamps are ISO-8601 UTC instants.

CREATE TABLE patients (
    id        INTEGER PRIMARY KEY,
    pseudonym TEXT NOT NULL UNIQUE              -- never a real identifier
);

CREATE TABLE studies (
    study_uid   TEXT PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients(id),
    study_date  TEXT,
    description TEXT
);
CREATE INDEX studies_patient ON studies(patient_id);

CREATE TABLE series (
    series_uid    TEXT PRIMARY KEY,
    study_uid     TEXT NOT NULL REFERENCES studies(study_uid),
    modality      TEXT,
    series_number INTEGER NOT NULL DEFAULT 0,
    description   TEXT
);
CREATE INDEX series_study ON series(study_uid);

CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    policy       TEXT NOT NULL,
    files        INTEGER NOT NULL DEFAULT 0,
    imported     INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    quarantined  INTEGER NOT NULL DEFAULT 0,
    deidentified INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    errors       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_files (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    file      TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('imported','rejected','quarantined','deidentified','duplicate','error')),
    reason    TEXT
);
CREATE INDEX import_files_import ON import_files(import_id);

CREATE TABLE instances (
    sop_instance_uid    TEXT PRIMARY KEY,
    sop_class_uid       TEXT,
    series_uid          TEXT NOT NULL REFERENCES series(series_uid),
    content_sha256      TEXT NOT NULL,           -- of the catalogued file
    source_sha256       TEXT,                    -- of the original when the gate wrote a copy
    file_path           TEXT NOT NULL,
    file_size           INTEGER NOT NULL,
    transfer_syntax_uid TEXT,
    instance_number     INTEGER NOT NULL DEFAULT 0,
    rows                INTEGER NOT NULL,
    columns             INTEGER NOT NULL,
    frames              INTEGER NOT NULL,
    samples_per_pixel   INTEGER NOT NULL,
    bits_allocated      INTEGER NOT NULL,
    bits_stored         INTEGER NOT NULL,
    high_bit            INTEGER NOT NULL,
    pixel_signed        INTEGER NOT NULL CHECK (pixel_signed IN (0,1)),
    photometric         TEXT NOT NULL,
    sex                 TEXT NOT NULL,           -- Sex enum name
    age_years           REAL,                    -- NULL when unknown
    site_key            TEXT,                    -- keyed hash of InstitutionName, never the name
    manufacturer        TEXT,
    manufacturer_model  TEXT,
    modality            TEXT,
    body_part           TEXT,
    view_position       TEXT,
    import_id           INTEGER NOT NULL REFERENCES imports(id)
);
CREATE INDEX instances_series ON instances(series_uid);
CREATE INDEX instances_content ON instances(content_sha256);
CREATE INDEX instances_source ON instances(source_sha256) WHERE source_sha256 IS NOT NULL;

-- Ground truth is keyed by SOP Instance UID without a foreign key: a truth file may be loaded
-- before or after its images.
CREATE TABLE truth_labels (
    sop_instance_uid TEXT NOT NULL,
    label            TEXT NOT NULL,
    value            INTEGER NOT NULL CHECK (value IN (0,1)),
    PRIMARY KEY (sop_instance_uid, label)
) WITHOUT ROWID;

CREATE TABLE truth_attributes (
    sop_instance_uid TEXT NOT NULL,
    name             TEXT NOT NULL,
    value            TEXT,
    PRIMARY KEY (sop_instance_uid, name)
) WITHOUT ROWID;
