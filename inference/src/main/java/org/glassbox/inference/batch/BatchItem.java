package org.glassbox.inference.batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image to score.
 *
 * @param name           what reports call it (the file, or the SOP Instance UID)
 * @param file           the DICOM file
 * @param sopInstanceUid the catalogued instance, or null for a file outside the catalog (never cached)
 * @param contentSha256  the catalogued file's hash (cache entries for another hash are misses); null with sopInstanceUid null
 */
public record BatchItem(String name, Path file, String sopInstanceUid, String contentSha256) {
    public BatchItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        if ((sopInstanceUid == null) != (contentSha256 == null)) {
            throw new IllegalArgumentException("a cacheable item needs both its SOP Instance UID and its content hash");
        }
    }

    /** A file outside the catalog. */
    public static BatchItem file(Path file) {
        return new BatchItem(file.toString(), file, null, null);
    }

    public boolean cacheable() {
        return sopInstanceUid != null;
    }
}
