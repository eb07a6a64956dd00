-- Schema version 4: cached model outputs (issue 3 §5), keyed by the model package identity (sha256
-- of its SHA256SUMS, models.sha256) and the SOP Instance UID, without foreign keys: a result may
-- outlive a model's registration, and a bare .onnx run is never registered.
-- A row in predictions marks an instance as done for a model; its scores and embedding are written
-- in the same transaction. content_sha256 is the catalogued file's hash the result was computed
-- from: a different file under the same UID is a cache miss, not a stale hit.

CREATE TABLE predictions (
    model_sha256     TEXT NOT NULL,
    sop_instance_uid TEXT NOT NULL,
    content_sha256   TEXT NOT NULL,
    outputs          INTEGER NOT NULL CHECK (outputs > 0),
    computed_at      TEXT NOT NULL,                -- ISO-8601 UTC instant
    PRIMARY KEY (model_sha256, sop_instance_uid)
) WITHOUT ROWID;

-- One row per output: the raw output (logit) and the score (the logit through the model's
-- sigmoid/softmax/identity), in output order.
CREATE TABLE prediction_scores (
    model_sha256     TEXT NOT NULL,
    sop_instance_uid TEXT NOT NULL,
    label_index      INTEGER NOT NULL CHECK (label_index >= 0),
    label            TEXT NOT NULL,
    logit            REAL NOT NULL,
    score            REAL NOT NULL,
    PRIMARY KEY (model_sha256, sop_instance_uid, label_index)
) WITHOUT ROWID;
CREATE INDEX prediction_scores_label ON prediction_scores(model_sha256, label);

-- The encoder embedding named by the package (explain.embeddingLayer): float32 little-endian.
CREATE TABLE embeddings (
    model_sha256     TEXT NOT NULL,
    sop_instance_uid TEXT NOT NULL,
    layer            TEXT NOT NULL,
    dims             INTEGER NOT NULL CHECK (dims > 0),
    vector           BLOB NOT NULL,
    PRIMARY KEY (model_sha256, sop_instance_uid)
) WITHOUT ROWID;
