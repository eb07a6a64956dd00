package org.glassbox.core.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;

/**
 * Checks a data set against the PS3.15 Annex E Basic Application Level Confidentiality Profile
 * (Table E.1-1, held as data in {@link ConfidentialityProfile}). Findings name the attribute and the
 * reason, never the value.
 *
 * <p>Rules, applied to the top level and, recursively, to every sequence item:
 * <ol>
 *   <li>PatientIdentityRemoved (0012,0062) must be YES.</li>
 *   <li>BurnedInAnnotation (0028,0301) = YES always fails: header edits cannot clean pixels.</li>
 *   <li>Private attributes (odd groups) must be absent (Basic action X), unless the file declares
 *       Retain Safe Private (113111) — which we do not trust either: private data always fails.</li>
 *   <li>An attribute whose Basic action is X (remove) must be absent or empty.</li>
 *   <li>Dates and times (rows with a Retain Longitudinal column) must be empty unless the file
 *       declares 113106 or 113107. Any other DA/DT attribute — of a row without a temporal column, or
 *       not in the table at all (InstanceCreationDate, a VerificationDateTime in a sequence) — must be
 *       empty when no temporal option is declared; when one is, a row without a temporal column is
 *       still not retained by it: only D rows may then hold a value (a dummy or a shifted date), and
 *       PatientBirthDate (Z) must be empty. Unlisted dates are accepted under a temporal option.</li>
 *   <li>An attribute whose Basic action is Z, D or a choice with them (Z/D, X/Z, X/D, X/Z/D) may
 *       hold a dummy value only when the file declares PatientIdentityRemoved = YES; otherwise a
 *       non-empty value is taken as the original. Even when declared, person names (VR PN: patient,
 *       physicians, operators, …) and identifying codes (AccessionNumber, StudyID, order numbers,
 *       DeviceSerialNumber, DetectorID, StationName, InstitutionName/Address/Department) must look like
 *       dummies — empty, a dummy word such as ANONYMIZED, a mask such as XXXX, or (names only) components
 *       that are dummy words or codes containing a digit, such as GlassBox's GB… pseudonyms; see
 *       {@link DummyValues} for the exact rule. An option the file declares that keeps the row (e.g.
 *       113112 for InstitutionName, 113109 for DeviceSerialNumber) exempts it. PatientID is not judged:
 *       any value is a pseudonym once declared, and the catalog only ever stores its keyed hash.</li>
 *   <li>A UID (action U) counts as replaced only when the file declares PatientIdentityRemoved = YES.</li>
 *   <li>A person name (VR PN) in an attribute the table does not list must be empty.</li>
 * </ol>
 *
 * <p><b>Declared de-identification.</b> PatientIdentityRemoved = YES is a claim, not a proof: the table
 * is still checked. What the declaration buys is (a) dummy values for Z/D attributes are accepted,
 * except names and identifying codes that do not look like dummies (rule 6), (b) UIDs are taken as replaced, and (c) attributes that an
 * option listed in DeidentificationMethodCodeSequence keeps (action K) or cleans (action C) are
 * accepted — e.g. InstitutionName under 113112 Retain Institution Identity, shifted dates under
 * 113107, descriptions under 113105 Clean Descriptors, PatientSex and PatientAge under 113108.
 * Private attributes, burned-in annotation and X attributes no declared option keeps always fail.
 */
public final class DeidChecker {
    private final ConfidentialityProfile profile;

    public DeidChecker(ConfidentialityProfile profile) {
        this.profile = profile;
    }

    public DeidChecker() {
        this(ConfidentialityProfile.standard());
    }

    public DeidCheck check(DicomDataset dataset) {
        DeclaredDeidentification declared = DeclaredDeidentification.of(dataset);
        List<DeidFinding> findings = new ArrayList<>();
        if (!declared.identityRemoved()) {
            findings.add(new DeidFinding(DicomTags.PatientIdentityRemoved, "PatientIdentityRemoved",
                    "is not YES (PS3.15 E.1.1)"));
        }
        if ("YES".equalsIgnoreCase(dataset.string(DicomTags.BurnedInAnnotation))) {
            findings.add(new DeidFinding(DicomTags.BurnedInAnnotation, "BurnedInAnnotation",
                    "is YES: identifying text burned into the pixels cannot be removed by header edits"));
        }
        int[] privateCount = {0};
        int[] firstPrivate = {-1};
        walk(dataset, "", declared, findings, privateCount, firstPrivate);
        if (privateCount[0] > 0) {
            findings.add(new DeidFinding(firstPrivate[0], "private attributes",
                    privateCount[0] + " present (Basic Profile action X)"));
        }
        return new DeidCheck(findings);
    }

    private void walk(DicomDataset dataset, String prefix, DeclaredDeidentification declared,
                      List<DeidFinding> findings, int[] privateCount, int[] firstPrivate) {
        for (DicomElement e : dataset.elements()) {
            int tag = e.tag();
            if (e.group() == 0x0002 || tag == DicomTags.PixelData) {
                continue;
            }
            if (e.isPrivate()) {
                // Private creator elements (gggg,00xx) are counted too: they name the vendor block.
                if (privateCount[0]++ == 0) {
                    firstPrivate[0] = tag;
                }
                continue;
            }
            Optional<ProfileRule> rule = profile.rule(tag);
            String name = prefix + rule.map(ProfileRule::keyword).orElse(DicomTags.format(tag));
            Optional<String> reason = rule.isPresent() ? violation(rule.get(), e, declared) : unlisted(e, declared);
            if (reason.isPresent()) {
                findings.add(new DeidFinding(tag, name, reason.get()));
                continue;
            }
            if (e.isSequence()) {
                for (DicomDataset item : e.items()) {
                    walk(item, name + ">", declared, findings, privateCount, firstPrivate);
                }
            }
        }
    }

    /** Why an attribute the table does not list breaks the profile, or empty when it does not. */
    private static Optional<String> unlisted(DicomElement e, DeclaredDeidentification declared) {
        if (e.isEmpty() || e.isSequence()) {
            return Optional.empty();
        }
        if ("PN".equals(e.vr())) {
            return Optional.of("person name not covered by the profile table, present and non-empty");
        }
        if (isDate(e) && !declaresTemporalOption(declared)) {
            return Optional.of("date not covered by the profile table, present and non-empty without a Retain Longitudinal Temporal option");
        }
        return Optional.empty();
    }

    private static boolean isDate(DicomElement e) {
        return "DA".equals(e.vr()) || "DT".equals(e.vr());
    }

    private static boolean declaresTemporalOption(DeclaredDeidentification declared) {
        return declared.declares(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)
                || declared.declares(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES);
    }

    /** Why {@code e} breaks the profile under what the file declares, or empty when it does not. */
    private Optional<String> violation(ProfileRule rule, DicomElement e, DeclaredDeidentification declared) {
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> allowedBy = allowingOption(rule, declared.options());
        if (allowedBy.isPresent()) {
            return Optional.empty();
        }
        String basic = rule.basic();
        if (!"U".equals(basic) && !e.isSequence()) {
            if (rule.isTemporal()) {
                // A temporal option would have allowed it above: none is declared.
                return Optional.of("date/time present and non-empty without a Retain Longitudinal Temporal option (Basic Profile action " + basic + ")");
            }
            if (isDate(e)) {
                if (!declaresTemporalOption(declared)) {
                    return Optional.of("date present and non-empty without a Retain Longitudinal Temporal option (Basic Profile action " + basic + ")");
                }
                // A temporal option is declared, but this row has no temporal column: the option does not
                // retain it. A D row may hold a dummy (or a date shifted like the others, which is what
                // GlassBox writes); any other action must have removed or emptied it.
                if (basic.contains("D") && declared.identityRemoved()) {
                    return Optional.empty();
                }
                return Optional.of("date present and non-empty: no Retain Longitudinal Temporal option retains this attribute "
                        + "(its Table E.1-1 row has no temporal column; Basic Profile action " + basic + ")");
            }
        }
        switch (basic) {
            case "K", "C":
                return Optional.empty();
            case "U":
                return declared.identityRemoved() ? Optional.empty()
                        : Optional.of("UID not declared replaced (Basic Profile action U)");
            case "X":
                return Optional.of("present and non-empty (Basic Profile action X)");
            case "X/Z/U*":
                // References: the UIDs inside are checked item by item.
                return Optional.empty();
            default:
                if (e.isSequence() && basic.contains("D")) {
                    return Optional.empty(); // dummy items: their content is checked recursively
                }
                if (!declared.identityRemoved()) {
                    return Optional.of("present and non-empty in a file not declared de-identified (Basic Profile action " + basic + ")");
                }
                // A declaration is not proof: names and identifying codes must look like dummies.
                return DummyValues.judged(e) && !DummyValues.looksLikeDummy(e)
                        ? Optional.of("does not look like a dummy or pseudonym although the file is declared de-identified (Basic Profile action " + basic + ")")
                        : Optional.empty();
        }
    }

    /** The declared option that keeps or cleans this row, if any. */
    private static Optional<String> allowingOption(ProfileRule rule, Set<ProfileOption> declared) {
        for (ProfileOption o : declared) {
            Optional<String> a = rule.optionAction(o);
            if (a.isPresent() && ("K".equals(a.get()) || "C".equals(a.get()))
                    && o != ProfileOption.RETAIN_SAFE_PRIVATE) {
                return Optional.of(o.code());
            }
        }
        return Optional.empty();
    }
}
