package org.glassbox.core.catalog;

import java.nio.file.Path;
import java.util.Objects;
import org.glassbox.core.model.Instance;

/**
 * An instance as the catalog holds it: the domain record plus where its file is and what it hashes to.
 *
 * @param instance      the domain record
 * @param file          the catalogued file (the original, or the gate's de-identified copy)
 * @param fileSize      size of {@code file} in bytes
 * @param contentSha256 lower-case hex SHA-256 of {@code file}'s bytes
 * @param sourceSha256  SHA-256 of the original when {@code file} is a de-identified copy, else null
 */
public record CataloguedInstance(Instance instance, Path file, long fileSize, String contentSha256, String sourceSha256) {
    public CataloguedInstance {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentSha256, "contentSha256");
    }

    public String sopInstanceUid() {
        return instance.sopInstanceUid();
    }
}
