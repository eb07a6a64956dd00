package org.glassbox.core.ingest;

import java.util.Objects;
import org.glassbox.core.crypto.KeyedHash;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.Instance;
import org.glassbox.core.model.PixelDescription;
import org.glassbox.core.model.Series;
import org.glassbox.core.model.Sex;
import org.glassbox.core.model.Study;
import org.glassbox.core.model.SubgroupAttributes;

/**
 * Builds the domain records (Study, Series, Instance with SubgroupAttributes) from an opened file's
 * toolkit-free header. Uses the PS3.3 Patient (C.7.1.1), General Study (C.7.2.1), Patient Study
 * (C.7.2.2), General Series (C.7.3.1), General Equipment (C.7.5.1), SOP Common (C.12.1) and Image
 * Pixel (C.7.6.3) modules; DX/CR View Position (C.8.11.5) and Body Part Examined.
 *
 * <p>The site is the workspace's keyed hash of InstitutionName: the name itself is never kept. Nor is
 * the Patient ID: the patient key catalogued is the keyed hash of Issuer of Patient ID + Patient ID
 * ({@link #patientKey}), so a file that falsely declares itself de-identified cannot put a real
 * medical record number into the catalog. For a file de-identified by GlassBox this is a keyed hash
 * of a pseudonym: still stable within the workspace.
 */
public final class RecordExtractor {
    /** Keyed-hash domain of site keys. */
    public static final String SITE_DOMAIN = "site";
    /** Keyed-hash domain of the pseudonyms given to studies without a Patient ID. */
    public static final String ANONYMOUS_PATIENT_DOMAIN = "anonymous-patient";
    /** Keyed-hash domain of patient keys (issuer + Patient ID). */
    public static final String PATIENT_DOMAIN = "patient-key";
    static final int ISSUER_OF_PATIENT_ID = 0x00100021;
    /** Hex characters kept of a keyed hash: 16 bytes, collisions negligible for any cohort size. */
    static final int KEY_BYTES = 16;

    private final KeyedHash keyedHash;

    public RecordExtractor(KeyedHash keyedHash) {
        this.keyedHash = Objects.requireNonNull(keyedHash, "keyedHash");
    }

    /**
     * @throws DicomReadException when a required UID or the image pixel module is missing or invalid
     */
    public InstanceRecords extract(DicomFile file) throws DicomReadException {
        DicomDataset ds = file.dataset();
        String sopUid = required(file, ds, DicomTags.SOPInstanceUID, "SOPInstanceUID");
        String studyUid = required(file, ds, DicomTags.StudyInstanceUID, "StudyInstanceUID");
        String seriesUid = required(file, ds, DicomTags.SeriesInstanceUID, "SeriesInstanceUID");
        if (!file.hasPixelData()) {
            throw new DicomReadException(file.path(), "no Pixel Data (7FE0,0010): not an image");
        }
        PixelDescription pixels;
        try {
            pixels = file.pixelDescription();
        } catch (IllegalArgumentException e) {
            throw new DicomReadException(file.path(), "invalid image pixel module: " + e.getMessage(), e);
        }
        String studyDate = ds.string(DicomTags.StudyDate);
        String pseudonym = patientKey(ds.string(ISSUER_OF_PATIENT_ID), ds.string(DicomTags.PatientID), studyUid);
        String modality = ds.string(DicomTags.Modality);

        Study study = new Study(studyUid, pseudonym, PatientAge.parseDate(studyDate), ds.string(DicomTags.StudyDescription));
        Series series = new Series(seriesUid, studyUid, modality, ds.integer(DicomTags.SeriesNumber, 0), ds.string(DicomTags.SeriesDescription));
        SubgroupAttributes attributes = new SubgroupAttributes(
                Sex.fromDicom(ds.string(DicomTags.PatientSex)),
                PatientAge.years(ds.string(DicomTags.PatientAge), ds.string(DicomTags.PatientBirthDate), studyDate),
                siteKey(ds.string(DicomTags.InstitutionName)),
                ds.string(DicomTags.Manufacturer),
                ds.string(DicomTags.ManufacturerModelName),
                modality,
                ds.string(DicomTags.BodyPartExamined),
                ds.string(DicomTags.ViewPosition));
        Instance instance = new Instance(sopUid, ds.string(DicomTags.SOPClassUID), seriesUid, studyUid, file.transferSyntaxUid(),
                ds.integer(DicomTags.InstanceNumber, 0), pixels, attributes);
        return new InstanceRecords(study, series, instance);
    }

    /**
     * The catalog's patient key: "P" + the keyed hash (32 hex digits) of issuer + NUL + Patient ID;
     * without a Patient ID, "anon-" + a keyed hash of the Study Instance UID (the study is its own
     * patient). Never the Patient ID itself.
     */
    public String patientKey(String issuer, String patientId, String studyUid) {
        if (patientId == null) {
            return "anon-" + keyedHash.hex(ANONYMOUS_PATIENT_DOMAIN, studyUid, 8);
        }
        return "P" + keyedHash.hex(PATIENT_DOMAIN, (issuer == null ? "" : issuer.strip()) + "\u0000" + patientId.strip(), KEY_BYTES);
    }

    /** Keyed hash of an institution name (trimmed, case kept), or null when there is none. */
    public String siteKey(String institutionName) {
        return institutionName == null ? null : keyedHash.hex(SITE_DOMAIN, institutionName.strip(), KEY_BYTES);
    }

    private static String required(DicomFile file, DicomDataset ds, int tag, String name) throws DicomReadException {
        String v = ds.string(tag);
        if (v == null) {
            throw new DicomReadException(file.path(), "missing " + name + " " + DicomTags.format(tag));
        }
        return v;
    }
}
