package org.glassbox.core.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * A model package in the registry. Plain strings: core knows nothing of manifests or engines.
 *
 * @param id           model id
 * @param version      model version
 * @param format       weights format token (onnx, dl4j, keras)
 * @param sha256       package identity, 64 lower-case hex digits
 * @param path         absolute path of the package folder, .zip or .onnx file
 * @param manifestJson model.json as registered
 * @param registeredAt when it was first registered
 */
public record RegisteredModel(String id, String version, String format, String sha256, String path, String manifestJson, Instant registeredAt) {
    public RegisteredModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(manifestJson, "manifestJson");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
