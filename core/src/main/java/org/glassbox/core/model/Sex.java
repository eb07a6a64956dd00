package org.glassbox.core.model;

/** Patient sex as coded by DICOM PatientSex (0010,0040): M, F, O; anything else is UNKNOWN. */
public enum Sex {
    FEMALE("F"), MALE("M"), OTHER("O"), UNKNOWN("");

    private final String dicomCode;

    Sex(String dicomCode) {
        this.dicomCode = dicomCode;
    }

    /** The DICOM code string (empty for UNKNOWN). */
    public String dicomCode() {
        return dicomCode;
    }

    /** Parses a PatientSex value; null, blank or unrecognised values give UNKNOWN. */
    public static Sex fromDicom(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        return switch (code.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "F" -> FEMALE;
            case "M" -> MALE;
            case "O" -> OTHER;
            default -> UNKNOWN;
        };
    }
}
