package org.glassbox.core.synth;

import java.util.Locale;
import java.util.Set;

/**
 * One line of a cohort's {@code truth.csv}.
 *
 * @param sopInstanceUid    the image
 * @param patientId         pseudonymous PatientID
 * @param studyInstanceUid  its study
 * @param seriesInstanceUid its series
 * @param file              DICOM path relative to the cohort folder, '/'-separated
 * @param findings          findings present
 * @param sex               F or M
 * @param age               whole years
 * @param ageBand           band label, e.g. 40-59
 * @param site              InstitutionName
 * @param manufacturer      Manufacturer
 * @param model             ManufacturerModelName
 * @param shortcut          whether the shortcut marker is in the image
 * @param rows              image rows
 * @param columns           image columns
 * @param pixelSpacingMm    ImagerPixelSpacing in mm
 * @param cardiothoracicRatio heart width / inner thoracic width
 */
public record TruthRow(
        String sopInstanceUid,
        String patientId,
        String studyInstanceUid,
        String seriesInstanceUid,
        String file,
        Set<Finding> findings,
        String sex,
        int age,
        String ageBand,
        String site,
        String manufacturer,
        String model,
        boolean shortcut,
        int rows,
        int columns,
        double pixelSpacingMm,
        double cardiothoracicRatio) {

    public TruthRow {
        findings = Set.copyOf(findings);
    }

    /**
     * Column names, in order. Labels are 0/1; {@code shortcut} is written {@code true}/{@code false}
     * so that readers which treat every 0/1 column as a label (the catalog's truth import) keep it
     * an attribute.
     */
    public static String header() {
        StringBuilder b = new StringBuilder("sop_instance_uid,patient_id,study_instance_uid,series_instance_uid,file");
        for (Finding f : Finding.values()) {
            b.append(',').append(f.label());
        }
        return b.append(",sex,age,age_band,site,manufacturer,model,shortcut,rows,columns,pixel_spacing_mm,cardiothoracic_ratio").toString();
    }

    /** The CSV line (RFC 4180; fields quoted only when they hold a comma, quote or line break). */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        b.append(sopInstanceUid).append(',').append(patientId).append(',').append(studyInstanceUid).append(',')
                .append(seriesInstanceUid).append(',').append(quote(file));
        for (Finding f : Finding.values()) {
            b.append(',').append(findings.contains(f) ? '1' : '0');
        }
        b.append(',').append(sex).append(',').append(age).append(',').append(ageBand)
                .append(',').append(quote(site)).append(',').append(quote(manufacturer)).append(',').append(quote(model))
                .append(',').append(shortcut).append(',').append(rows).append(',').append(columns)
                .append(',').append(DxDatasetFactory.ds(pixelSpacingMm))
                .append(',').append(String.format(Locale.ROOT, "%.4f", cardiothoracicRatio));
        return b.toString();
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
