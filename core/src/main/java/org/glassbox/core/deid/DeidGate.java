package org.glassbox.core.deid;

import java.io.IOException;
import java.nio.file.Path;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomReadException;

/**
 * The de-identification gate every import passes through (PS3.15 Annex E Basic Application Level
 * Confidentiality Profile).
 */
public interface DeidGate {

    /** Checks a data set (without pixel data) for identifying information. */
    DeidCheck check(DicomDataset dataset);

    /**
     * Writes a de-identified copy of {@code source} under a temporary name in {@code targetDir}; the
     * source is never modified, and no existing file is replaced. The caller moves the copy to
     * {@link DeidentifiedCopy#target()} or deletes it. Pseudonyms and replaced UIDs are stable within
     * a workspace (keyed hash).
     */
    DeidentifiedCopy deidentify(Path source, DicomDataset dataset, Path targetDir) throws IOException, DicomReadException;
}
