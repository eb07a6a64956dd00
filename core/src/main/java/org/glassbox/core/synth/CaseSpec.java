package org.glassbox.core.synth;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.glassbox.core.model.Sex;

/**
 * Everything drawn for one study before any pixel is rendered: who, where, which findings.
 *
 * @param index            0-based case number within the cohort
 * @param seed             the cohort seed
 * @param site             the acquiring site
 * @param sex              FEMALE or MALE
 * @param ageYears         whole years, 18..100
 * @param findings         the findings present (possibly none)
 * @param shortcutMarker   whether the shortcut marker is in the image
 * @param patientId        pseudonymous PatientID, e.g. {@code SYN-1f3a9c0d2b}
 * @param studyInstanceUid 2.25 UID
 * @param seriesInstanceUid 2.25 UID
 * @param sopInstanceUid   2.25 UID
 * @param acquired         study date and time (synthetic, in 2021–2023)
 */
public record CaseSpec(
        int index,
        long seed,
        SiteProfile site,
        Sex sex,
        int ageYears,
        Set<Finding> findings,
        boolean shortcutMarker,
        String patientId,
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        LocalDateTime acquired) {

    public CaseSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sex, "sex");
        findings = findings.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(findings));
    }

    public boolean has(Finding f) {
        return findings.contains(f);
    }

    public AgeBand ageBand() {
        return AgeBand.of(ageYears);
    }

    /** Pseudonymous PatientName (PN), derived from the PatientID. */
    public String patientName() {
        return "SYNTHETIC^" + patientId.substring(4).toUpperCase(java.util.Locale.ROOT);
    }
}
