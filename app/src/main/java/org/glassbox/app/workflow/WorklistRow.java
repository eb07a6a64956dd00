package org.glassbox.app.workflow;

import java.time.LocalDate;
import java.util.List;

/**
 * One case in the worklist: an instance with its study, subgroup attributes and ground truth.
 *
 * @param sopInstanceUid   the instance
 * @param patientPseudonym pseudonymous patient ID
 * @param studyDate        possibly shifted by de-identification; null when unknown
 * @param modality         e.g. DX
 * @param viewPosition     e.g. PA; null when absent
 * @param sex              F, M, O or empty
 * @param ageYears         NaN when unknown
 * @param site             first 8 hex digits of the keyed site hash; empty when unknown
 * @param manufacturer     null when absent
 * @param model            null when absent
 * @param findings         labels that are positive in the ground truth, in label order
 */
public record WorklistRow(
        String sopInstanceUid,
        String patientPseudonym,
        LocalDate studyDate,
        String modality,
        String viewPosition,
        String sex,
        double ageYears,
        String site,
        String manufacturer,
        String model,
        List<String> findings) {

    public WorklistRow {
        findings = List.copyOf(findings);
    }

    /** True when any text column contains {@code needle} (case-insensitive). */
    public boolean matches(String needle) {
        if (needle == null || needle.isBlank()) {
            return true;
        }
        String n = needle.trim().toLowerCase(java.util.Locale.ROOT);
        for (String field : new String[] {patientPseudonym, modality, viewPosition, sex, site, manufacturer, model, String.join(" ", findings)}) {
            if (field != null && field.toLowerCase(java.util.Locale.ROOT).contains(n)) {
                return true;
            }
        }
        return false;
    }
}
