package org.glassbox.core.model;

import java.util.Objects;

/**
 * A series within a study.
 *
 * @param seriesInstanceUid SeriesInstanceUID (0020,000E)
 * @param studyInstanceUid  the study it belongs to
 * @param modality          Modality (0008,0060)
 * @param seriesNumber      SeriesNumber, 0 when absent
 * @param description       SeriesDescription, null when absent
 */
public record Series(String seriesInstanceUid, String studyInstanceUid, String modality, int seriesNumber, String description) {
    public Series {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    }
}
