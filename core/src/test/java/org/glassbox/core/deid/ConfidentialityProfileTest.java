package org.glassbox.core.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import org.glassbox.core.dicom.DicomTags;
import org.junit.jupiter.api.Test;

class ConfidentialityProfileTest {
    private final ConfidentialityProfile profile = ConfidentialityProfile.standard();

    @Test
    void coversTheWholeTable() {
        assertThat(profile.rules()).hasSizeGreaterThan(400);
        Set<String> tags = new HashSet<>();
        for (ProfileRule r : profile.rules()) {
            assertThat(tags.add(r.value() + "/" + r.mask())).as("duplicate row %s", r.keyword()).isTrue();
        }
    }

    @Test
    void patientStudyAndEquipmentRowsMatchTheStandard() {
        assertThat(rule(DicomTags.PatientName).basic()).isEqualTo("Z");
        assertThat(rule(DicomTags.PatientID).basic()).isEqualTo("Z");
        assertThat(rule(DicomTags.PatientBirthDate).basic()).isEqualTo("Z");
        assertThat(rule(DicomTags.PatientSex).optionAction(ProfileOption.RETAIN_PATIENT_CHARACTERISTICS)).contains("K");
        assertThat(rule(DicomTags.PatientAge).basic()).isEqualTo("X");
        assertThat(rule(DicomTags.AccessionNumber).basic()).isEqualTo("Z");
        assertThat(rule(DicomTags.StudyInstanceUID).basic()).isEqualTo("U");
        assertThat(rule(DicomTags.SOPInstanceUID).optionAction(ProfileOption.RETAIN_UIDS)).contains("K");
        assertThat(rule(DicomTags.StudyDate).basic()).isEqualTo("Z");
        assertThat(rule(DicomTags.StudyDate).optionAction(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)).contains("C");
        assertThat(rule(DicomTags.StudyDate).isTemporal()).isTrue();
        assertThat(rule(DicomTags.InstitutionName).basic()).isEqualTo("X/Z/D");
        assertThat(rule(DicomTags.InstitutionName).optionAction(ProfileOption.RETAIN_INSTITUTION_IDENTITY)).contains("K");
        assertThat(rule(DicomTags.StationName).optionAction(ProfileOption.RETAIN_DEVICE_IDENTITY)).contains("K");
        assertThat(rule(0x00181000).keyword()).isEqualTo("DeviceSerialNumber");
        assertThat(rule(DicomTags.StudyDescription).optionAction(ProfileOption.CLEAN_DESCRIPTORS)).contains("C");
        assertThat(rule(0x00081140).basic()).isEqualTo("X/Z/U*");
        assertThat(rule(0x00400275).keyword()).isEqualTo("RequestAttributesSequence");
        assertThat(rule(0x00080081).keyword()).isEqualTo("InstitutionAddress");
        assertThat(rule(0x00081070).keyword()).isEqualTo("OperatorsName");
        // Attributes the profile keeps are not in the table.
        assertThat(profile.rule(DicomTags.Modality)).isEmpty();
        assertThat(profile.rule(DicomTags.Rows)).isEmpty();
        assertThat(profile.rule(DicomTags.Manufacturer)).isEmpty();
    }

    /** Spot checks of a review: every U row is kept by Retain UIDs; option columns only hold changes. */
    @Test
    void reviewedRows() {
        ConfidentialityProfile t = ConfidentialityProfile.standard();
        assertThat(t.rule(0x0040A124).orElseThrow().optionAction(ProfileOption.RETAIN_UIDS)).contains("K");
        assertThat(t.rules().stream().filter(ProfileRule::isUid).filter(r -> r.optionAction(ProfileOption.RETAIN_UIDS).isEmpty())
                .map(ProfileRule::keyword)).as("U rows without K under Retain UIDs").containsOnly("DigitalSignatureUID");
        ProfileRule refPatient = t.rule(0x00081120).orElseThrow();
        assertThat(refPatient.basic()).isEqualTo("X");
        assertThat(refPatient.optionActions()).isEmpty();
        assertThat(t.rule(0x00100024).orElseThrow().basic()).isEqualTo("X");
        ProfileRule content = t.rule(0x0040A730).orElseThrow();
        assertThat(content.basic()).isEqualTo("D"); // DICOM 2024 (earlier editions: X)
        assertThat(content.optionAction(ProfileOption.CLEAN_STRUCTURED_CONTENT)).contains("C");
    }

    @Test
    void patternsAndPrivateRows() {
        assertThat(rule(0x50021234).keyword()).isEqualTo("CurveData");
        assertThat(rule(0x60023000).keyword()).isEqualTo("OverlayData");
        assertThat(rule(0x601E4000).keyword()).isEqualTo("OverlayComments");
        assertThat(profile.rule(0x60020010)).isEmpty(); // OverlayRows: not in the table
        assertThat(rule(0x00091010).isPrivateRow()).isTrue();
        assertThat(rule(0x7FE10010).isPrivateRow()).isTrue();
    }

    @Test
    void malformedTableIsRefused() {
        String bad = "tag,keyword,name,basic,retainUIDs\n00100010,PatientName,Patient's Name,Q,\n";
        assertThatThrownBy(() -> ConfidentialityProfile.parse(new BufferedReader(new StringReader(bad))))
                .hasMessageContaining("unknown action Q");
    }

    private ProfileRule rule(int tag) {
        return profile.rule(tag).orElseThrow(() -> new AssertionError("no row for " + DicomTags.format(tag)));
    }
}
