package org.glassbox.core.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * A reviewer's suspicion that a model treats a case unfairly or for the wrong reasons.
 *
 * @param id             catalog row id; 0 before it is stored
 * @param sopInstanceUid the flagged instance
 * @param modelSha256    the model whose output is questioned (package identity); null for none in particular
 * @param label          the finding concerned; null for the case as a whole
 * @param category       what is suspected
 * @param severity       how much it matters to the reviewer
 * @param subgroup       the subgroup concerned (e.g. {@code sex=F}); null when none
 * @param note           free text; may be empty, never null. It can carry identifying text, so exports
 *                       scan it first ({@code core.privacy.PhiTextScanner})
 * @param reviewer       the reviewer's pseudonym (non-blank)
 * @param createdAt      when the flag was raised
 */
public record BiasFlag(long id, String sopInstanceUid, String modelSha256, String label, Category category, Severity severity,
                       String subgroup, String note, String reviewer, Instant createdAt) {

    /** What is suspected. */
    public enum Category {
        UNDER_DIAGNOSIS("Suspected under-diagnosis in a subgroup"),
        OVER_DIAGNOSIS("Suspected over-diagnosis in a subgroup"),
        SHORTCUT("Shortcut / spurious feature"),
        ACQUISITION_ARTEFACT("Acquisition artefact"),
        CALIBRATION("Calibration"),
        OTHER("Other");

        private final String description;

        Category(String description) {
            this.description = description;
        }

        /** A sentence for menus and reports. */
        public String description() {
            return description;
        }
    }

    /** How much it matters to the reviewer. */
    public enum Severity { LOW, MEDIUM, HIGH }

    public BiasFlag {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(createdAt, "createdAt");
        note = note == null ? "" : note;
        if (reviewer == null || reviewer.isBlank()) {
            throw new IllegalArgumentException("a flag needs a reviewer pseudonym");
        }
        if (modelSha256 != null && !modelSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("model sha256 must be 64 lower-case hex digits, got '" + modelSha256 + "'");
        }
    }

    /** This flag with the id the catalog gave it. */
    public BiasFlag withId(long newId) {
        return new BiasFlag(newId, sopInstanceUid, modelSha256, label, category, severity, subgroup, note, reviewer, createdAt);
    }
}
