-- Schema version 3: the model registry. One row per registered model package (id + version);
-- sha256 is the package identity (SHA-256 of its SHA256SUMS), on which caches key.
-- manifest holds model.json as registered (for a bare .onnx file, the synthesised one).

CREATE TABLE models (
    id            TEXT NOT NULL,
    version       TEXT NOT NULL,
    format        TEXT NOT NULL,                -- onnx | dl4j | keras
    sha256        TEXT NOT NULL UNIQUE,         -- 64 lower-case hex digits
    path          TEXT NOT NULL,                -- absolute path of the folder, .zip or .onnx file
    manifest      TEXT NOT NULL,                -- model.json (JSON text)
    registered_at TEXT NOT NULL,                -- ISO-8601 UTC instant
    PRIMARY KEY (id, version)
);
