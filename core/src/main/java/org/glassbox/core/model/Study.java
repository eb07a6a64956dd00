package org.glassbox.core.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A study as the catalog keeps it: pseudonymous, no identifying values.
 *
 * @param studyInstanceUid  StudyInstanceUID (0020,000D)
 * @param patientPseudonym  PatientID after de-identification (a pseudonym), never a real identifier
 * @param studyDate         StudyDate, possibly shifted by de-identification; null when absent
 * @param description       StudyDescription, null when absent
 */
public record Study(String studyInstanceUid, String patientPseudonym, LocalDate studyDate, String description) {
    public Study {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(patientPseudonym, "patientPseudonym");
    }
}
