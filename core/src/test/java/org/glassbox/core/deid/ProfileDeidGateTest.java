package org.glassbox.core.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.glassbox.core.crypto.KeyedHash;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomRewriter;
import org.glassbox.core.dicom.DicomTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The de-identifying editor applied in memory (the file path is covered by DeidEndToEndTest). */
class ProfileDeidGateTest {
    private static final byte[] KEY = "workspace-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another-workspace-key-987654321".getBytes(StandardCharsets.UTF_8);
    private static final DicomRewriter NO_REWRITER = (s, t, e, a, u) -> {
        throw new AssertionError("must not be called");
    };

    private static DicomDataset deidentify(DicomDataset ds, byte[] key) {
        Pseudonymizer p = new Pseudonymizer(new KeyedHash(key));
        ProfileDeidGate gate = new ProfileDeidGate(NO_REWRITER, p);
        String identity = Pseudonymizer.patientIdentity(ds);
        return EditorApplier.apply(ds, gate.editor(p.dateOffsetDays(identity)), gate.additions(p.patientPseudonym(identity)));
    }

    private static long days(String a, String b) {
        DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
        return ChronoUnit.DAYS.between(LocalDate.parse(a, f), LocalDate.parse(b, f));
    }

    @Test
    void copyPassesTheChecker() {
        DicomDataset copy = deidentify(Fixtures.identified(), KEY);
        DeidCheck check = new DeidChecker().check(copy);
        assertThat(check.findings()).isEmpty();
    }

    @Test
    void identifyingValuesAreGone() {
        DicomDataset copy = deidentify(Fixtures.identified(), KEY);
        String all = copy.toString();
        assertThat(all).doesNotContain("Doe", "PAT-001", "St Elsewhere", "1 Main Street", "19600101", "SN-4711",
                "House", "Tech^Tom", "XRAY1", "ACC123", "OTHER-ID-9", "RP77", "1.2.3.4.5.100", "private vendor data");
        assertThat(copy.contains(0x00091010)).isFalse();
        assertThat(copy.contains(0x60003000)).isFalse();
        assertThat(copy.string(DicomTags.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(copy.string(DicomTags.Modality)).isEqualTo("DX");
        assertThat(copy.string(DicomTags.BodyPartExamined)).isEqualTo("CHEST");
        assertThat(copy.string(DicomTags.Manufacturer)).isEqualTo("ACME");
        assertThat(copy.string(0x00280303)).isEqualTo("MODIFIED");
        assertThat(copy.get(DicomTags.DeidentificationMethodCodeSequence).orElseThrow().items())
                .extracting(i -> i.string(0x00080100)).containsExactly("113100", "113107", "113105");
        assertThat(copy.get(DicomTags.DeidentificationMethod).orElseThrow().values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(64));
    }

    @Test
    void pseudonymsAreStablePerKeyAndDifferAcrossKeys() {
        DicomDataset a = deidentify(Fixtures.identified(), KEY);
        DicomDataset b = deidentify(Fixtures.identified(), KEY);
        DicomDataset c = deidentify(Fixtures.identified(), OTHER_KEY);
        assertThat(a.string(DicomTags.PatientID)).isEqualTo(b.string(DicomTags.PatientID)).startsWith("GB");
        assertThat(a.string(DicomTags.PatientName)).isEqualTo(a.string(DicomTags.PatientID));
        assertThat(c.string(DicomTags.PatientID)).isNotEqualTo(a.string(DicomTags.PatientID));
        assertThat(c.string(DicomTags.StudyInstanceUID)).isNotEqualTo(a.string(DicomTags.StudyInstanceUID));
        DicomDataset otherPatient = deidentify(Fixtures.identified("PAT-002", "1.9", "1.9.1", "1.9.1.1", "20230315"), KEY);
        assertThat(otherPatient.string(DicomTags.PatientID)).isNotEqualTo(a.string(DicomTags.PatientID));
    }

    @Test
    void datesKeepTheirIntervalsAcrossAPatientsStudies() {
        DicomDataset s1 = deidentify(Fixtures.identified("PAT-001", "1.5", "1.5.1", "1.5.1.1", "20200110"), KEY);
        DicomDataset s2 = deidentify(Fixtures.identified("PAT-001", "1.6", "1.6.1", "1.6.1.1", "20230315"), KEY);
        String d1 = s1.string(DicomTags.StudyDate);
        String d2 = s2.string(DicomTags.StudyDate);
        assertThat(d1).isNotEqualTo("20200110");
        assertThat(days(d1, d2)).isEqualTo(days("20200110", "20230315"));
        long shift = days("20200110", d1);
        assertThat(shift).isBetween((long) -Pseudonymizer.MAX_OFFSET_DAYS, (long) -Pseudonymizer.MIN_OFFSET_DAYS);
        assertThat(s1.string(0x0008002A)).isEqualTo(Pseudonymizer.shiftDate("20200110101512.5", (int) shift));
        assertThat(s1.string(DicomTags.StudyTime)).isEqualTo("101500");
        assertThat(s1.string(DicomTags.PatientBirthDate)).isNull();
    }

    /** Under 113107 every DA and DT at any depth moves by the same offset; TM stays. */
    @Test
    void everyDateIsShiftedUnderModifiedDatesAtAnyDepth() {
        DicomDataset in = Fixtures.identified("PAT-001", "1.5", "1.5.1", "1.5.1.1", "20200110").toBuilder()
                .put(0x00080012, "DA", "20200111")          // InstanceCreationDate: not in the table
                .put(0x00080013, "TM", "101500")            // InstanceCreationTime
                .put(0x0018700C, "DA", "20191231")          // DateOfLastDetectorCalibration
                .put(DicomElement.sequence(0x0040A073, List.of(DicomDataset.builder()
                        .put(0x0040A030, "DT", "20200112093000").build())))
                .build();
        DicomDataset out = deidentify(in, KEY);
        long shift = days("20200110", out.string(DicomTags.StudyDate));
        assertThat(out.string(0x00080012)).isEqualTo(Pseudonymizer.shiftDate("20200111", (int) shift));
        assertThat(out.string(0x0018700C)).isEqualTo(Pseudonymizer.shiftDate("20191231", (int) shift));
        assertThat(out.get(0x0040A073).orElseThrow().items().get(0).string(0x0040A030))
                .isEqualTo(Pseudonymizer.shiftDate("20200112093000", (int) shift));
        assertThat(out.string(0x00080013)).isEqualTo("101500");
        assertThat(new DeidChecker().check(out).clean()).as(new DeidChecker().check(out).summary()).isTrue();
    }

    @Test
    void uidsAreReplacedConsistentlyAcrossFilesOfAStudy() {
        DicomDataset i1 = deidentify(Fixtures.identified("P", "1.7", "1.7.1", "1.7.1.1", "20200110"), KEY);
        DicomDataset i2 = deidentify(Fixtures.identified("P", "1.7", "1.7.1", "1.7.1.2", "20200110"), KEY);
        assertThat(i1.string(DicomTags.StudyInstanceUID)).isEqualTo(i2.string(DicomTags.StudyInstanceUID)).startsWith("2.25.");
        assertThat(i1.string(DicomTags.SeriesInstanceUID)).isEqualTo(i2.string(DicomTags.SeriesInstanceUID));
        assertThat(i1.string(DicomTags.SOPInstanceUID)).isNotEqualTo(i2.string(DicomTags.SOPInstanceUID));
        assertThat(i1.string(DicomTags.SOPInstanceUID)).matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThanOrEqualTo(64);
        // A reference to another instance maps to that instance's new UID.
        String referenced = i1.get(0x00081140).orElseThrow().items().get(0).string(0x00081155);
        DicomDataset target = deidentify(Fixtures.identified("P", "1.7", "1.7.1", "1.7.1.1.1", "20200110"), KEY);
        assertThat(referenced).isEqualTo(target.string(DicomTags.SOPInstanceUID));
        // Well-known class UIDs are not instance UIDs: kept.
        assertThat(i1.get(0x00081140).orElseThrow().items().get(0).string(0x00081150)).isEqualTo("1.2.840.10008.5.1.4.1.1.1.1");
    }

    @Test
    void burnedInAnnotationIsRefused(@TempDir Path dir) {
        DicomDataset burned = Fixtures.identified().toBuilder().put(DicomTags.BurnedInAnnotation, "CS", "YES").build();
        ProfileDeidGate gate = new ProfileDeidGate(NO_REWRITER, new Pseudonymizer(new KeyedHash(KEY)));
        assertThatThrownBy(() -> gate.deidentify(dir.resolve("x.dcm"), burned, dir))
                .isInstanceOf(DeidRefusedException.class).hasMessageContaining("BurnedInAnnotation");
    }

    @Test
    void unsupportedOptionsAreRefused() {
        assertThatThrownBy(() -> new ProfileDeidGate(ConfidentialityProfile.standard(), NO_REWRITER,
                new Pseudonymizer(new KeyedHash(KEY)), java.util.Set.of(ProfileOption.CLEAN_GRAPHICS)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shiftDateHandlesDtAndRejectsPartialDates() {
        assertThat(Pseudonymizer.shiftDate("20200301", -1)).isEqualTo("20200229");
        assertThat(Pseudonymizer.shiftDate("20200301120000+0100", -1)).isEqualTo("20200229120000+0100");
        assertThat(Pseudonymizer.shiftDate("2020", -1)).isNull();
        assertThat(Pseudonymizer.shiftDate("2020AB01", -1)).isNull();
    }
}
