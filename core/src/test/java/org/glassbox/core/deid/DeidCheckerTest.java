package org.glassbox.core.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;
import org.junit.jupiter.api.Test;

class DeidCheckerTest {
    private final DeidChecker checker = new DeidChecker();

    /** A minimal data set that passes: declared, nothing identifying. */
    private static DicomDataset.Builder clean() {
        return DicomDataset.builder()
                .put(DicomTags.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
                .put(DicomTags.SOPInstanceUID, "UI", "2.25.1")
                .put(DicomTags.Modality, "CS", "DX")
                .put(DicomTags.PatientName, "PN", "GB0001")
                .put(DicomTags.PatientID, "LO", "GB0001")
                .put(DicomTags.PatientIdentityRemoved, "CS", "YES");
    }

    private static DicomDataset.Builder declaring(DicomDataset.Builder b, String... codes) {
        List<DicomDataset> items = new java.util.ArrayList<>();
        for (String c : codes) {
            items.add(DicomDataset.builder().put(0x00080100, "SH", c).put(0x00080102, "SH", "DCM").put(0x00080104, "LO", "x").build());
        }
        return b.put(DicomElement.sequence(DicomTags.DeidentificationMethodCodeSequence, items));
    }

    private List<String> attributes(DicomDataset ds) {
        return checker.check(ds).findings().stream().map(DeidFinding::attribute).toList();
    }

    @Test
    void cleanDataSetPasses() {
        assertThat(checker.check(clean().build()).clean()).isTrue();
    }

    @Test
    void identifiedFileIsRejectedWithReasonsButNoValues() {
        DeidCheck check = checker.check(Fixtures.identified());
        assertThat(check.clean()).isFalse();
        assertThat(attributes(Fixtures.identified())).contains("PatientIdentityRemoved", "PatientName", "PatientID",
                "PatientBirthDate", "InstitutionName", "InstitutionAddress", "StudyDate", "OtherPatientIDs",
                "DeviceSerialNumber", "StudyDescription", "OperatorsName", "private attributes", "OverlayData",
                "RequestAttributesSequence", "StudyInstanceUID");
        String summary = check.summary();
        assertThat(summary).doesNotContain("Doe", "PAT-001", "St Elsewhere", "19600101", "SN-4711", "Jane", "20230315");
    }

    @Test
    void missingDeclarationFails() {
        DicomDataset ds = clean().remove(DicomTags.PatientIdentityRemoved).build();
        assertThat(attributes(ds)).contains("PatientIdentityRemoved");
        DicomDataset no = clean().put(DicomTags.PatientIdentityRemoved, "CS", "NO").build();
        assertThat(attributes(no)).contains("PatientIdentityRemoved");
    }

    @Test
    void burnedInAnnotationFailsEvenWhenDeclared() {
        DicomDataset ds = clean().put(DicomTags.BurnedInAnnotation, "CS", "YES").build();
        assertThat(attributes(ds)).containsExactly("BurnedInAnnotation");
        assertThat(checker.check(clean().put(DicomTags.BurnedInAnnotation, "CS", "NO").build()).clean()).isTrue();
    }

    @Test
    void privateTagsFailEvenUnderRetainSafePrivate() {
        DicomDataset ds = declaring(clean(), "113100", "113111")
                .put(0x00090010, "LO", "ACME 1.0").put(0x00091001, "LO", "x").build();
        DeidCheck check = checker.check(ds);
        assertThat(check.findings()).singleElement().satisfies(f -> {
            assertThat(f.attribute()).isEqualTo("private attributes");
            assertThat(f.reason()).startsWith("2 present");
        });
    }

    @Test
    void removedAttributeMustBeAbsentOrEmpty() {
        assertThat(attributes(clean().put(0x00101000, "LO", "X9").build())).containsExactly("OtherPatientIDs");
        assertThat(checker.check(clean().put(0x00101000, "LO").build()).clean()).isTrue();
    }

    @Test
    void datesNeedATemporalOption() {
        DicomDataset undeclared = clean().put(DicomTags.StudyDate, "DA", "20200101").put(DicomTags.StudyTime, "TM", "1015").build();
        assertThat(attributes(undeclared)).containsExactly("StudyDate", "StudyTime");
        DicomDataset modified = declaring(clean(), "113100", "113107")
                .put(DicomTags.StudyDate, "DA", "20200101").put(DicomTags.StudyTime, "TM", "1015").build();
        assertThat(checker.check(modified).clean()).isTrue();
        // Birth date has no temporal option column: it always fails when present.
        DicomDataset birth = declaring(clean(), "113100", "113107").put(DicomTags.PatientBirthDate, "DA", "19600101").build();
        assertThat(attributes(birth)).containsExactly("PatientBirthDate");
        // ... and the reason must not claim that no temporal option was declared.
        assertThat(checker.check(birth).summary()).doesNotContain("without a Retain Longitudinal").contains("no temporal column");
    }

    @Test
    void unlistedDatesAtAnyDepthNeedATemporalOption() {
        DicomDataset ds = clean()
                .put(0x00080012, "DA", "20200101") // InstanceCreationDate: not in Table E.1-1
                .put(DicomElement.sequence(0x0040A073, List.of(DicomDataset.builder() // VerifyingObserverSequence
                        .put(0x0040A030, "DT", "20200101101500").build())))
                .put(0x00080013, "TM", "101500") // InstanceCreationTime: a time alone identifies no one
                .build();
        assertThat(attributes(ds)).containsExactly("(0008,0012)", "VerifyingObserverSequence>(0040,A030)");
        DicomDataset declared = declaring(clean(), "113100", "113107").put(0x00080012, "DA", "20200101").build();
        assertThat(checker.check(declared).clean()).isTrue();
    }

    @Test
    void declaredOptionsKeepWhatTheyRetain() {
        DicomDataset inst = clean().put(DicomTags.InstitutionName, "LO", "ANONYMIZED").put(DicomTags.InstitutionAddress, "ST", "Road 1").build();
        // InstitutionName is X/Z/D: a dummy is acceptable when declared; InstitutionAddress (X) is not.
        assertThat(attributes(inst)).containsExactly("InstitutionAddress");
        DicomDataset realName = clean().put(DicomTags.InstitutionName, "LO", "General").build();
        assertThat(attributes(realName)).containsExactly("InstitutionName");
        DicomDataset retained = declaring(clean(), "113100", "113112")
                .put(DicomTags.InstitutionName, "LO", "General").put(DicomTags.InstitutionAddress, "ST", "Road 1").build();
        assertThat(checker.check(retained).clean()).isTrue();
        DicomDataset age = clean().put(DicomTags.PatientAge, "AS", "058Y").build();
        assertThat(attributes(age)).containsExactly("PatientAge");
        assertThat(checker.check(declaring(clean(), "113108").put(DicomTags.PatientAge, "AS", "058Y").build()).clean()).isTrue();
    }

    @Test
    void freeTextNeedsCleanDescriptors() {
        DicomDataset text = clean().put(DicomTags.StudyDescription, "LO", "chest").build();
        assertThat(attributes(text)).containsExactly("StudyDescription");
        assertThat(checker.check(declaring(clean(), "113105").put(DicomTags.StudyDescription, "LO", "chest").build()).clean()).isTrue();
    }

    @Test
    void dummyValuesNeedTheDeclaration() {
        DicomDataset undeclared = clean().remove(DicomTags.PatientIdentityRemoved).build();
        assertThat(attributes(undeclared)).contains("PatientName", "PatientID");
        assertThat(attributes(clean().build())).doesNotContain("PatientName", "PatientID");
    }

    @Test
    void uidsCountAsReplacedOnlyWhenDeclared() {
        DicomDataset undeclared = clean().remove(DicomTags.PatientIdentityRemoved).build();
        assertThat(attributes(undeclared)).contains("SOPInstanceUID");
    }

    @Test
    void nestedAttributesAndUnlistedPersonNamesAreChecked() {
        DicomDataset nested = clean().put(DicomElement.sequence(0x00081140, List.of(DicomDataset.builder()
                .put(0x00081155, "UI", "1.2.3").put(0x00100010, "PN", "GB0123456789ABCDEF0123").build()))).build();
        assertThat(attributes(nested)).isEmpty(); // declared: pseudonymous name and replaced UID assumed
        DicomDataset nestedName = clean().put(DicomElement.sequence(0x00081140, List.of(DicomDataset.builder()
                .put(0x00100010, "PN", "Doe^John").build()))).build();
        assertThat(attributes(nestedName)).containsExactly("ReferencedImageSequence>PatientName");
        DicomDataset unlisted = clean().put(0x00189999 /* not a table row */, "PN", "Who^Ever").build();
        assertThat(attributes(unlisted)).containsExactly("(0018,9999)");
        DicomDataset inItem = clean().put(DicomElement.sequence(0x00081140, List.of(DicomDataset.builder()
                .put(0x00101000, "LO", "OTHER").build()))).build();
        assertThat(attributes(inItem)).containsExactly("ReferencedImageSequence>OtherPatientIDs");
    }

    /** The reviewer's file: identified, but falsely declaring PatientIdentityRemoved = YES. */
    @Test
    void aFalseDeclarationDoesNotHideNamesAndIdentifyingCodes() {
        DicomDataset ds = declaring(clean(), "113100", "113107", "113108", "113112")
                .put(DicomTags.PatientName, "PN", "DOE^JOHN")
                .put(DicomTags.PatientID, "LO", "MRN12345")
                .put(DicomTags.AccessionNumber, "SH", "ACC999")
                .put(DicomTags.StudyID, "SH", "STUDY77")
                .put(DicomTags.ReferringPhysicianName, "PN", "WELBY^MARCUS")
                .put(DicomTags.InstitutionName, "LO", "St Elsewhere Hospital")
                .put(DicomTags.StudyDate, "DA", "20240315")
                .put(0x00081070, "PN", "SMITH^JANE")
                .put(0x00181000, "LO", "SN-998877")
                .build();
        DeidCheck check = checker.check(ds);
        assertThat(attributes(ds)).containsExactlyInAnyOrder("PatientName", "AccessionNumber", "StudyID", "ReferringPhysicianName",
                "OperatorsName", "DeviceSerialNumber");
        assertThat(check.summary()).contains("does not look like a dummy")
                .doesNotContain("DOE", "JOHN", "ACC999", "STUDY77", "WELBY", "SMITH", "SN-998877", "MRN12345");
        // 113109 retains the device identity.
        DicomDataset device = declaring(clean(), "113100", "113109").put(0x00181000, "LO", "SN-998877").build();
        assertThat(checker.check(device).clean()).isTrue();
    }

    @Test
    void dummiesAndPseudonymsPass() {
        DicomDataset ds = declaring(clean(), "113100")
                .put(DicomTags.PatientName, "PN", "SYNTHETIC^1EA9C3750B")
                .put(DicomTags.AccessionNumber, "SH", "")
                .put(DicomTags.StudyID, "SH", "XXXX")
                .put(DicomTags.ReferringPhysicianName, "PN", "ANONYMOUS^ANONYMOUS")
                .put(0x00081070, "PN", "ANONYMIZED")
                .put(0x00181000, "LO", "ANONYMIZED")
                .put(DicomTags.InstitutionName, "LO", "REMOVED")
                .build();
        assertThat(checker.check(ds).findings()).isEmpty();
        assertThat(DummyValues.valueLooksLikeDummy("GB0A1B2C3D4E5F60718293", true)).isTrue();
        assertThat(DummyValues.valueLooksLikeDummy("PATIENT^JOHN", true)).isFalse();
        assertThat(DummyValues.valueLooksLikeDummy("ACC999", false)).isFalse();
        assertThat(DummyValues.valueLooksLikeDummy("anonymized", false)).isTrue();
    }
}
