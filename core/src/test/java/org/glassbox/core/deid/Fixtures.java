package org.glassbox.core.deid;

import java.util.List;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;

/** Data sets carrying identity, as a hospital's DX would. */
final class Fixtures {
    private Fixtures() {
    }

    static DicomDataset identified(String patientId, String studyUid, String seriesUid, String sopUid, String studyDate) {
        return DicomDataset.builder()
                .put(DicomTags.SpecificCharacterSet, "CS", "ISO_IR 100")
                .put(DicomTags.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
                .put(DicomTags.SOPInstanceUID, "UI", sopUid)
                .put(DicomTags.StudyDate, "DA", studyDate)
                .put(DicomTags.SeriesDate, "DA", studyDate)
                .put(DicomTags.ContentDate, "DA", studyDate)
                .put(DicomTags.StudyTime, "TM", "101500")
                .put(0x0008002A, "DT", studyDate + "101512.5")
                .put(DicomTags.AccessionNumber, "SH", "ACC123")
                .put(DicomTags.Modality, "CS", "DX")
                .put(DicomTags.Manufacturer, "LO", "ACME")
                .put(DicomTags.InstitutionName, "LO", "St Elsewhere Hospital")
                .put(DicomTags.InstitutionAddress, "ST", "1 Main Street")
                .put(DicomTags.ReferringPhysicianName, "PN", "House^Gregory")
                .put(DicomTags.StationName, "SH", "XRAY1")
                .put(DicomTags.StudyDescription, "LO", "CHEST PA for Jane Doe")
                .put(DicomTags.SeriesDescription, "LO", "PA")
                .put(0x00081070, "PN", "Tech^Tom")
                .put(DicomTags.ManufacturerModelName, "LO", "Model 9")
                .put(DicomTags.PatientName, "PN", "Doe^Jane")
                .put(DicomTags.PatientID, "LO", patientId)
                .put(DicomTags.PatientBirthDate, "DA", "19600101")
                .put(DicomTags.PatientSex, "CS", "F")
                .put(DicomTags.PatientAge, "AS", "058Y")
                .put(0x00101000, "LO", "OTHER-ID-9")
                .put(0x00181000, "LO", "SN-4711")
                .put(DicomTags.BodyPartExamined, "CS", "CHEST")
                .put(DicomTags.StudyInstanceUID, "UI", studyUid)
                .put(DicomTags.SeriesInstanceUID, "UI", seriesUid)
                .put(DicomTags.StudyID, "SH", "S1")
                .put(DicomTags.InstanceNumber, "IS", "1")
                .put(0x00200052, "UI", studyUid + ".9")
                .put(DicomElement.sequence(0x00081140, List.of(DicomDataset.builder()
                        .put(0x00081150, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
                        .put(0x00081155, "UI", sopUid + ".1").build())))
                .put(DicomElement.sequence(0x00400275, List.of(DicomDataset.builder()
                        .put(0x00401001, "SH", "RP77").build())))
                .put(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
                .put(DicomTags.BurnedInAnnotation, "CS", "NO")
                .put(0x00091010, "LO", "private vendor data")
                .put(new DicomElement(0x60003000, "OW", List.of(), List.of(), 128))
                .build();
    }

    static DicomDataset identified() {
        return identified("PAT-001", "1.2.3.4.5.100", "1.2.3.4.5.100.1", "1.2.3.4.5.100.1.1", "20230315");
    }
}
