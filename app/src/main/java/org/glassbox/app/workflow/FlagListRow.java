package org.glassbox.app.workflow;

import java.util.Locale;
import java.util.Objects;
import org.glassbox.core.catalog.BiasFlag;

/**
 * A bias flag as the flags list shows it.
 *
 * @param flag             the stored flag
 * @param patientPseudonym the case's patient pseudonym; empty when the instance is no longer catalogued
 * @param modelName        "id version" of the flagged model, the first 12 hex digits of its sha256 when
 *                         it is no longer registered, or empty for a flag on no model in particular
 */
public record FlagListRow(BiasFlag flag, String patientPseudonym, String modelName) {
    public FlagListRow {
        Objects.requireNonNull(flag, "flag");
        patientPseudonym = patientPseudonym == null ? "" : patientPseudonym;
        modelName = modelName == null ? "" : modelName;
    }

    /** True when any text column (pseudonym, SOP, label, subgroup, note, reviewer, model, category) contains {@code needle}, ignoring case. */
    public boolean matches(String needle) {
        if (needle == null || needle.isBlank()) {
            return true;
        }
        String n = needle.strip().toLowerCase(Locale.ROOT);
        for (String field : new String[] {patientPseudonym, flag.sopInstanceUid(), flag.label(), flag.subgroup(), flag.note(), flag.reviewer(),
                modelName, flag.category().description(), flag.severity().name()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(n)) {
                return true;
            }
        }
        return false;
    }
}
