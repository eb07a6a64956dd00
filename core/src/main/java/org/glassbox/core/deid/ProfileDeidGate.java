package org.glassbox.core.deid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomRewriter;
import org.glassbox.core.dicom.DicomTags;

/**
 * The de-identification gate: checks with {@link DeidChecker} and writes de-identified copies per the
 * PS3.15 Basic Application Level Confidentiality Profile with, by default, the Retain Longitudinal
 * Temporal Information with Modified Dates (113107) and Clean Descriptors (113105) options.
 *
 * <p>In the copy: every attribute handled per Table E.1-1; UIDs replaced by keyed-hash
 * {@code 2.25.} UIDs (consistent across files); PatientID and PatientName replaced by the patient's
 * pseudonym; dates moved by the patient's offset; private, overlay and curve groups removed;
 * PatientIdentityRemoved = YES, DeidentificationMethod, DeidentificationMethodCodeSequence (CID 7050:
 * 113100 and one code per option) and LongitudinalTemporalInformationModified = MODIFIED added.
 * Pixel data bytes and the transfer syntax are untouched; the source is never modified.
 */
public final class ProfileDeidGate implements DeidGate {
    /** The options the issue asks for: 113107 and 113105. */
    public static final Set<ProfileOption> DEFAULT_OPTIONS =
            Set.copyOf(EnumSet.of(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES, ProfileOption.CLEAN_DESCRIPTORS));
    /** Options whose K or C this gate can carry out faithfully. */
    static final Set<ProfileOption> SUPPORTED = Set.copyOf(EnumSet.of(
            ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES, ProfileOption.CLEAN_DESCRIPTORS,
            ProfileOption.RETAIN_PATIENT_CHARACTERISTICS, ProfileOption.RETAIN_INSTITUTION_IDENTITY,
            ProfileOption.RETAIN_DEVICE_IDENTITY));
    static final int LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = 0x00280303;

    private final ConfidentialityProfile profile;
    private final DeidChecker checker;
    private final DicomRewriter rewriter;
    private final Pseudonymizer pseudonymizer;
    private final Set<ProfileOption> options;

    public ProfileDeidGate(ConfidentialityProfile profile, DicomRewriter rewriter, Pseudonymizer pseudonymizer, Set<ProfileOption> options) {
        for (ProfileOption o : options) {
            if (!SUPPORTED.contains(o)) {
                throw new IllegalArgumentException("option not supported by the de-identifier: " + o.meaning());
            }
        }
        this.profile = profile;
        this.checker = new DeidChecker(profile);
        this.rewriter = rewriter;
        this.pseudonymizer = pseudonymizer;
        this.options = Set.copyOf(options);
    }

    public ProfileDeidGate(DicomRewriter rewriter, Pseudonymizer pseudonymizer) {
        this(ConfidentialityProfile.standard(), rewriter, pseudonymizer, DEFAULT_OPTIONS);
    }

    @Override
    public DeidCheck check(DicomDataset dataset) {
        return checker.check(dataset);
    }

    @Override
    public DeidentifiedCopy deidentify(Path source, DicomDataset dataset, Path targetDir) throws IOException, DicomReadException {
        if ("YES".equalsIgnoreCase(dataset.string(DicomTags.BurnedInAnnotation))) {
            throw new DeidRefusedException(source,
                    "BurnedInAnnotation is YES: pixels may carry identity that header de-identification cannot remove");
        }
        String sop = dataset.string(DicomTags.SOPInstanceUID);
        if (sop == null) {
            throw new DicomReadException(source, "no SOPInstanceUID: cannot name the de-identified copy");
        }
        String identity = Pseudonymizer.patientIdentity(dataset);
        String pseudonym = pseudonymizer.patientPseudonym(identity);
        int offset = pseudonymizer.dateOffsetDays(identity);
        String newSop = pseudonymizer.uid(sop);
        Files.createDirectories(targetDir);
        Path target = targetDir.resolve(newSop + ".dcm");
        // Written under a temporary name: the importer decides (after its SOP/hash check) whether it
        // becomes target, so an already-catalogued copy is never overwritten.
        Path pending = Files.createTempFile(targetDir, "." + newSop + "-", ".pending");
        try {
            rewriter.rewrite(source, pending, editor(offset), additions(pseudonym), newSop);
        } catch (IOException | DicomReadException | RuntimeException | Error e) {
            Files.deleteIfExists(pending);
            throw e;
        }
        return new DeidentifiedCopy(pending, target, newSop, pseudonym);
    }

    /** The editor for one patient's file (package-private for tests that apply it without a rewriter). */
    DeidentifyingEditor editor(int dateOffsetDays) {
        return new DeidentifyingEditor(profile, pseudonymizer, options, dateOffsetDays);
    }

    /** Top-level elements written after editing: pseudonyms and the de-identification record. */
    DicomDataset additions(String pseudonym) {
        List<ProfileOption> ordered = options.isEmpty() ? List.of() : new ArrayList<>(EnumSet.copyOf(options));
        List<DicomDataset> codes = new ArrayList<>();
        codes.add(code(ProfileOption.BASIC_PROFILE_CODE, ProfileOption.BASIC_PROFILE_MEANING));
        List<String> method = new ArrayList<>();
        method.add("PS3.15 E Basic Profile (GlassBox)");
        for (ProfileOption o : ordered) {
            codes.add(code(o.code(), o.meaning()));
            method.add(o.code() + " " + shortName(o));
        }
        DicomDataset.Builder b = DicomDataset.builder()
                .put(DicomTags.PatientName, "PN", pseudonym)
                .put(DicomTags.PatientID, "LO", pseudonym)
                .put(DicomTags.PatientIdentityRemoved, "CS", "YES")
                .put(DicomTags.DeidentificationMethod, "LO", method.toArray(String[]::new))
                .put(DicomElement.sequence(DicomTags.DeidentificationMethodCodeSequence, codes));
        if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            b.put(LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, "CS", "MODIFIED");
        }
        return b.build();
    }

    private static String shortName(ProfileOption o) {
        // LO holds at most 64 characters per value.
        String m = o.meaning().replace(" Option", "");
        return m.length() > 57 ? m.substring(0, 57) : m;
    }

    private static DicomDataset code(String value, String meaning) {
        return DicomDataset.builder()
                .put(DeclaredDeidentification.CODE_VALUE, "SH", value)
                .put(DeclaredDeidentification.CODING_SCHEME_DESIGNATOR, "SH", "DCM")
                .put(DeclaredDeidentification.CODE_MEANING, "LO", meaning)
                .build();
    }
}
