package org.glassbox.core.deid;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;

/**
 * Decides whether the value of an identifying attribute looks like a dummy or a pseudonym rather than
 * the original — the check behind "a declaration is not proof" in {@link DeidChecker}.
 *
 * <p>Which attributes are judged ({@link #judged}): every person name (VR PN) and the identifiers
 * {@link #IDENTIFIERS} (accession number, study ID, order numbers, device serial number, detector ID,
 * station, institution name / address / department), at any depth.
 *
 * <p>What passes ({@link #looksLikeDummy}), value by value (multi-valued elements pass only when every
 * value passes):
 * <ul>
 *   <li>an empty value;</li>
 *   <li>a dummy word ({@link #DUMMY_WORDS}, case-insensitive, e.g. {@code ANONYMIZED}, the dummy
 *       GlassBox's own de-identifier writes), alone or repeated in PN components
 *       ({@code ANONYMOUS^ANONYMOUS});</li>
 *   <li>a mask: only the characters {@code X * 0 - _ .} and spaces (e.g. {@code XXXX}, {@code ***});</li>
 *   <li>for person names only: every PN component (split on {@code ^} and {@code =}) is a dummy word or
 *       a code that contains a digit — the pseudonyms GlassBox writes ({@code GB} + 20 hex digits) and
 *       the synthetic cohort's {@code SYNTHETIC^1EA9C3750B} pass; {@code DOE^JOHN} does not.</li>
 * </ul>
 * Identifiers other than names pass only as empty, dummy word or mask: a code with digits
 * ({@code ACC999}, {@code SN-998877}) is exactly what a real accession or serial number looks like.
 */
final class DummyValues {
    /** Dummy words accepted in place of a value (upper case). */
    static final Set<String> DUMMY_WORDS = Set.of("ANONYMIZED", "ANONYMISED", "ANONYMOUS", "ANON", "REMOVED", "DEIDENTIFIED",
            "DE-IDENTIFIED", "REDACTED", "UNKNOWN", "DUMMY", "NONE", "NA", "N/A", "SYNTHETIC", "PSEUDONYM", "PATIENT", "SUBJECT");
    /** Non-PN identifiers judged: tags of PS3.15 Table E.1-1 rows that hold an identifying code or name. */
    static final Set<Integer> IDENTIFIERS = Set.of(
            DicomTags.AccessionNumber,
            DicomTags.StudyID,
            0x00402016, // PlacerOrderNumberImagingServiceRequest
            0x00402017, // FillerOrderNumberImagingServiceRequest
            0x00181000, // DeviceSerialNumber
            0x0018700A, // DetectorID
            DicomTags.StationName,
            DicomTags.InstitutionName,
            DicomTags.InstitutionAddress,
            0x00081040); // InstitutionalDepartmentName
    private static final Pattern MASK = Pattern.compile("[X*0\\-_. ]+");

    private DummyValues() {
    }

    /** True when the element's value must look like a dummy once a file declares itself de-identified. */
    static boolean judged(DicomElement e) {
        return !e.isSequence() && ("PN".equals(e.vr()) || IDENTIFIERS.contains(e.tag()));
    }

    /** True when every value of {@code e} is empty, a dummy word, a mask or (PN only) a pseudonymous code. */
    static boolean looksLikeDummy(DicomElement e) {
        boolean name = "PN".equals(e.vr());
        for (String v : e.values()) {
            if (!valueLooksLikeDummy(v, name)) {
                return false;
            }
        }
        return true;
    }

    static boolean valueLooksLikeDummy(String value, boolean personName) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (v.isEmpty() || DUMMY_WORDS.contains(v) || MASK.matcher(v).matches()) {
            return true;
        }
        if (!personName) {
            return false;
        }
        boolean any = false;
        for (String component : v.split("[\\^=]")) {
            String c = component.strip();
            if (c.isEmpty()) {
                continue;
            }
            any = true;
            if (!DUMMY_WORDS.contains(c) && !MASK.matcher(c).matches() && !c.matches(".*\\d.*")) {
                return false;
            }
        }
        return any;
    }
}
