package org.glassbox.app.workflow;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.app.fairness.AgeBands;

/**
 * One case in the worklist: an instance with its study, subgroup attributes, ground truth, the
 * scores of the worklist's model (model A) and its bias-flag count.
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
 * @param scores           model A's score per label in [0, 1] (sigmoid/softmax outputs), in the
 *                         model's label order; empty when the case has not been scored
 * @param flags            bias flags raised on this instance (0 when none)
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
        List<String> findings,
        Map<String, Double> scores,
        int flags) {

    public WorklistRow {
        findings = List.copyOf(findings);
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        if (flags < 0) {
            throw new IllegalArgumentException("flag count must be >= 0: " + flags);
        }
    }

    /** A row without scores or flags. */
    public WorklistRow(String sopInstanceUid, String patientPseudonym, LocalDate studyDate, String modality, String viewPosition, String sex,
                       double ageYears, String site, String manufacturer, String model, List<String> findings) {
        this(sopInstanceUid, patientPseudonym, studyDate, modality, viewPosition, sex, ageYears, site, manufacturer, model, findings, Map.of(), 0);
    }

    /** The same case with other scores and flag count. */
    public WorklistRow withScores(Map<String, Double> newScores, int newFlags) {
        return new WorklistRow(sopInstanceUid, patientPseudonym, studyDate, modality, viewPosition, sex, ageYears, site, manufacturer, model,
                findings, newScores, newFlags);
    }

    /** Age band by the fairness audit's default edges (0-17, 18-39, 40-59, 60-79, 80+); null when the age is unknown. */
    public String ageBand() {
        return AgeBands.DEFAULT.band(ageYears);
    }

    /** Model A's score for {@code label}; NaN when the case has no score for it. */
    public double score(String label) {
        Double s = scores.get(label);
        return s == null ? Double.NaN : s;
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
