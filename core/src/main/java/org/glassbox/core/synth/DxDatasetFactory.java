package org.glassbox.core.synth;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * Builds the header of a synthetic image as a Digital X-Ray Image Storage – For Presentation
 * instance (PS3.3 A.26 DX Image IOD), filling the mandatory modules: Patient (C.7.1.1), General
 * Study (C.7.2.1), Patient Study (C.7.2.2), General Series (C.7.3.1), DX Series (C.8.11.1), General
 * Equipment (C.7.5.1), General Image (C.7.6.1), Image Pixel (C.7.6.3), DX Anatomy Imaged
 * (C.8.11.2), DX Image (C.8.11.3), DX Detector (C.8.11.4), DX Positioning (C.8.11.5), VOI LUT
 * (C.11.2, required For Presentation), Acquisition Context (C.7.6.14) and SOP Common (C.12.1).
 *
 * <p>The instance is born de-identified (PS3.15 Annex E): pseudonymous PatientName/PatientID,
 * empty birth date, no free text, no private tags, PatientIdentityRemoved YES and the
 * DeidentificationMethodCodeSequence listing the Basic Profile (DCM 113100), Retain Longitudinal
 * Temporal Information with Modified Dates (113107; the dates are synthetic), Retain Patient
 * Characteristics (113108; PatientSex and PatientAge are the subgroup attributes) and Retain
 * Institution Identity (113112; InstitutionName keeps the site name so sites can be keyed).
 */
final class DxDatasetFactory {
    /** Digital X-Ray Image Storage – For Presentation (PS3.4 B.5). */
    static final String DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";

    private static final int INSTANCE_CREATION_DATE = 0x00080012;
    private static final int INSTANCE_CREATION_TIME = 0x00080013;
    private static final int SERIES_TIME = 0x00080031;
    private static final int CONTENT_TIME = 0x00080033;
    private static final int ACQUISITION_TIME = 0x00080032;
    private static final int PRESENTATION_INTENT_TYPE = 0x00080068;
    private static final int CODE_VALUE = 0x00080100;
    private static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    private static final int CODE_MEANING = 0x00080104;
    private static final int ANATOMIC_REGION_SEQUENCE = 0x00082218;
    private static final int VIEW_CODE_SEQUENCE = 0x00540220;
    private static final int KVP = 0x00180060;
    private static final int DISTANCE_SOURCE_TO_DETECTOR = 0x00181110;
    private static final int POSITIONER_TYPE = 0x00181508;
    private static final int DISTANCE_SOURCE_TO_PATIENT = 0x00181111;
    private static final int IMAGER_PIXEL_SPACING = 0x00181164;
    private static final int DETECTOR_TYPE = 0x00187004;
    private static final int PATIENT_ORIENTATION = 0x00200020;
    private static final int IMAGE_LATERALITY = 0x00200062;
    private static final int LONGITUDINAL_TEMPORAL_INFO_MODIFIED = 0x00280303;
    private static final int PIXEL_INTENSITY_RELATIONSHIP = 0x00281040;
    private static final int PIXEL_INTENSITY_RELATIONSHIP_SIGN = 0x00281041;
    private static final int WINDOW_EXPLANATION = 0x00281055;
    private static final int LOSSY_IMAGE_COMPRESSION = 0x00282110;
    private static final int ACQUISITION_CONTEXT_SEQUENCE = 0x00400555;

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    private DxDatasetFactory() {
    }

    static PixelDescription pixelDescription(RenderedCase rc) {
        ImageGeometry g = rc.geometry();
        return new PixelDescription(g.rows(), g.columns(), 1, 1, 16, 12, 11, false, photometric(rc.spec()));
    }

    static FramePixels frame(RenderedCase rc) {
        return new FramePixels(pixelDescription(rc), 0, rc.pixels().clone());
    }

    private static String photometric(CaseSpec spec) {
        return spec.site().detector().monochrome1() ? "MONOCHROME1" : "MONOCHROME2";
    }

    static DicomDataset build(RenderedCase rc) {
        CaseSpec spec = rc.spec();
        SiteProfile site = spec.site();
        DetectorProfile det = site.detector();
        ImageGeometry g = rc.geometry();
        LocalDateTime when = spec.acquired();
        String date = DA.format(when);
        String time = TM.format(when);
        boolean mono1 = det.monochrome1();
        String spacing = ds(g.spacingMm());

        // Window: show line integrals 0.8 (lung) .. 5.2 (abdomen) of the site's curve.
        DetectorModel.ContrastCurve curve = new DetectorModel.ContrastCurve(det.contrastSlope(), det.contrastCenter());
        int lo = curve.stored(0.8);
        int hi = curve.stored(5.2);
        if (mono1) {
            int t = DetectorModel.MAX_VALUE - hi;
            hi = DetectorModel.MAX_VALUE - lo;
            lo = t;
        }

        DicomDataset.Builder b = DicomDataset.builder()
                // SOP Common
                .put(DicomTags.SOPClassUID, "UI", DX_FOR_PRESENTATION)
                .put(DicomTags.SOPInstanceUID, "UI", spec.sopInstanceUid())
                .put(INSTANCE_CREATION_DATE, "DA", date)
                .put(INSTANCE_CREATION_TIME, "TM", time)
                // Patient (de-identified at birth)
                .put(DicomTags.PatientName, "PN", spec.patientName())
                .put(DicomTags.PatientID, "LO", spec.patientId())
                .put(DicomTags.PatientBirthDate, "DA")
                .put(DicomTags.PatientSex, "CS", spec.sex().dicomCode())
                .put(DicomTags.PatientIdentityRemoved, "CS", "YES")
                .put(DicomTags.DeidentificationMethod, "LO", "Synthetic: Basic Profile; dates, sex/age, institution kept")
                .put(DicomElement.sequence(DicomTags.DeidentificationMethodCodeSequence, List.of(
                        code("113100", "DCM", "Basic Application Confidentiality Profile"),
                        code("113107", "DCM", "Retain Longitudinal Temporal Information Modified Dates Option"),
                        code("113108", "DCM", "Retain Patient Characteristics Option"),
                        code("113112", "DCM", "Retain Institution Identity Option"))))
                // General Study, Patient Study
                .put(DicomTags.StudyInstanceUID, "UI", spec.studyInstanceUid())
                .put(DicomTags.StudyDate, "DA", date)
                .put(DicomTags.StudyTime, "TM", time)
                .put(DicomTags.ReferringPhysicianName, "PN")
                .put(DicomTags.StudyID, "SH")
                .put(DicomTags.AccessionNumber, "SH")
                .put(DicomTags.PatientAge, "AS", String.format(Locale.ROOT, "%03dY", spec.ageYears()))
                // General Series, DX Series
                .put(DicomTags.Modality, "CS", "DX")
                .put(DicomTags.SeriesInstanceUID, "UI", spec.seriesInstanceUid())
                .put(DicomTags.SeriesNumber, "IS", "1")
                .put(DicomTags.SeriesDate, "DA", date)
                .put(SERIES_TIME, "TM", time)
                .put(PRESENTATION_INTENT_TYPE, "CS", "FOR PRESENTATION")
                // General Equipment
                .put(DicomTags.Manufacturer, "LO", site.manufacturer())
                .put(DicomTags.InstitutionName, "LO", site.name())
                .put(DicomTags.ManufacturerModelName, "LO", site.model())
                // General Image, DX Image
                .put(DicomTags.InstanceNumber, "IS", "1")
                .put(PATIENT_ORIENTATION, "CS", "L", "F")
                .put(DicomTags.ContentDate, "DA", date)
                .put(CONTENT_TIME, "TM", time)
                .put(DicomTags.AcquisitionDate, "DA", date)
                .put(ACQUISITION_TIME, "TM", time)
                .put(DicomTags.ImageType, "CS", "ORIGINAL", "PRIMARY")
                .put(DicomTags.BurnedInAnnotation, "CS", "NO")
                .put(LONGITUDINAL_TEMPORAL_INFO_MODIFIED, "CS", "MODIFIED")
                .put(PIXEL_INTENSITY_RELATIONSHIP, "CS", "LOG")
                // higher stored values mean less beam intensity for MONOCHROME2 (-1), more for MONOCHROME1 (+1)
                .put(PIXEL_INTENSITY_RELATIONSHIP_SIGN, "SS", mono1 ? "1" : "-1")
                .put(DicomTags.RescaleIntercept, "DS", "0")
                .put(DicomTags.RescaleSlope, "DS", "1")
                .put(DicomTags.RescaleType, "LO", "US")
                .put(LOSSY_IMAGE_COMPRESSION, "CS", "00")
                .put(DicomTags.PresentationLUTShape, "CS", mono1 ? "INVERSE" : "IDENTITY")
                // Image Pixel
                .put(DicomTags.SamplesPerPixel, "US", "1")
                .put(DicomTags.PhotometricInterpretation, "CS", photometric(spec))
                .put(DicomTags.Rows, "US", Integer.toString(g.rows()))
                .put(DicomTags.Columns, "US", Integer.toString(g.columns()))
                .put(DicomTags.BitsAllocated, "US", "16")
                .put(DicomTags.BitsStored, "US", "12")
                .put(DicomTags.HighBit, "US", "11")
                .put(DicomTags.PixelRepresentation, "US", "0")
                // VOI LUT
                .put(DicomTags.WindowCenter, "DS", ds((lo + hi) / 2.0))
                .put(DicomTags.WindowWidth, "DS", Integer.toString(Math.max(2, hi - lo)))
                .put(WINDOW_EXPLANATION, "LO", "CHEST")
                // DX Anatomy Imaged, DX Positioning
                .put(IMAGE_LATERALITY, "CS", "U")
                .put(DicomElement.sequence(ANATOMIC_REGION_SEQUENCE, List.of(code("43799004", "SCT", "Chest"))))
                .put(DicomTags.BodyPartExamined, "CS", "CHEST")
                .put(DicomTags.ViewPosition, "CS", "PA")
                .put(DicomElement.sequence(VIEW_CODE_SEQUENCE, List.of(code("399348003", "SCT", "postero-anterior"))))
                .put(POSITIONER_TYPE, "CS")
                .put(DISTANCE_SOURCE_TO_DETECTOR, "DS", "1800")
                .put(DISTANCE_SOURCE_TO_PATIENT, "DS", "1650")
                .put(KVP, "DS", Integer.toString(det.kvp()))
                // DX Detector
                .put(DETECTOR_TYPE, "CS", det.detectorType())
                .put(IMAGER_PIXEL_SPACING, "DS", spacing, spacing)
                // Acquisition Context (type 2: present, empty)
                .put(DicomElement.sequence(ACQUISITION_CONTEXT_SEQUENCE, List.of()));
        return b.build();
    }

    private static DicomDataset code(String value, String scheme, String meaning) {
        return DicomDataset.builder()
                .put(CODE_VALUE, "SH", value)
                .put(CODING_SCHEME_DESIGNATOR, "SH", scheme)
                .put(CODE_MEANING, "LO", meaning)
                .build();
    }

    /** A decimal string of at most 16 characters (PS3.5 6.2 DS). */
    static String ds(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.8g", v).trim();
    }
}
