package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an edited copy of a DICOM file, keeping its pixel data bytes and transfer syntax
 * untouched. The source is never modified; the target appears atomically (temp file + rename).
 */
public interface DicomRewriter {

    /**
     * @param source    file to copy
     * @param target    where the edited copy goes
     * @param editor    per-element decision, applied recursively
     * @param additions top-level elements added or replaced after editing (e.g. PatientIdentityRemoved)
     * @param newSopInstanceUid when non-null, also written to MediaStorageSOPInstanceUID
     */
    void rewrite(Path source, Path target, ElementEditor editor, DicomDataset additions, String newSopInstanceUid)
            throws DicomReadException, IOException;
}
