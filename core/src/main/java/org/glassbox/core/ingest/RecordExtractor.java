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
 * <p>The site is the workspace's keyed hash of InstitutionName: the name itself is never kept.
 */
public final class RecordExtractor {
    /** Keyed-hash domain of site keys. */
    public static final String SITE_DOMAIN = "site";
    /** Keyed-hash domain of the pseudonyms given to studies without a Patient ID. */
    public static final String ANONYMOUS_PATIENT_DOMAIN = "anonymous-patient";
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
        String patientId = ds.string(DicomTags.PatientID);
        String pseudonym = patientId != null ? patientId : "anon-" + keyedHash.hex(ANONYMOUS_PATIENT_DOMAIN, studyUid, 8);
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
