package org.glassbox.core.deid;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.glassbox.core.crypto.KeyedHash;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;

/**
 * Workspace-stable replacements derived from the workspace's secret key (HMAC-SHA256): patient
 * pseudonyms, replacement UIDs and per-patient date offsets. The same input under the same key
 * always gives the same output; under another key an unlinkable one. Nothing is stored.
 */
public final class Pseudonymizer {
    /** Date offsets lie in [-MAX_OFFSET_DAYS, -MIN_OFFSET_DAYS]: always into the past, at least a year. */
    static final int MIN_OFFSET_DAYS = 365;
    static final int MAX_OFFSET_DAYS = 3652;
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final KeyedHash hash;

    public Pseudonymizer(KeyedHash hash) {
        this.hash = hash;
    }

    /**
     * The patient's identity as the source knows it: Issuer of Patient ID + Patient ID, else name +
     * birth date, else (no patient identification at all) the Study Instance UID, so such a study is
     * its own patient.
     */
    public static String patientIdentity(DicomDataset ds) {
        String id = ds.string(DicomTags.PatientID);
        if (id != null) {
            String issuer = ds.string(0x00100021);
            return "id:" + (issuer == null ? "" : issuer) + "\u0000" + id;
        }
        String name = ds.string(DicomTags.PatientName);
        if (name != null) {
            String birth = ds.string(DicomTags.PatientBirthDate);
            return "name:" + name + "\u0000" + (birth == null ? "" : birth);
        }
        String study = ds.string(DicomTags.StudyInstanceUID);
        return "study:" + (study == null ? "" : study);
    }

    /** Pseudonymous Patient ID: "GB" + 20 hex digits (80 bits), fits LO and PN. */
    public String patientPseudonym(String identity) {
        return "GB" + hash.hex("patient", identity, 10).toUpperCase();
    }

    /**
     * Replacement UID "2.25." + the decimal of 128 bits of the keyed hash (PS3.5 B.2), at most 44
     * characters. The same original UID maps to the same new UID across all files of a workspace.
     */
    public String uid(String original) {
        byte[] mac = hash.mac("uid", original.trim());
        return "2.25." + new BigInteger(1, Arrays.copyOf(mac, 16));
    }

    /** Whole days, negative, the patient's dates are moved by (the same for all their studies). */
    public int dateOffsetDays(String identity) {
        byte[] mac = hash.mac("date-offset", identity);
        int v = ((mac[0] & 0xFF) << 24 | (mac[1] & 0xFF) << 16 | (mac[2] & 0xFF) << 8 | (mac[3] & 0xFF)) & 0x7FFFFFFF;
        return -(MIN_OFFSET_DAYS + v % (MAX_OFFSET_DAYS - MIN_OFFSET_DAYS + 1));
    }

    /**
     * Shifts a DA value (YYYYMMDD) or the date part of a DT value by {@code days}; keeps any time
     * part and offset suffix as they are. Returns null when the value is not a full date (then the
     * caller removes it: an unshiftable date is not safe to keep).
     */
    public static String shiftDate(String value, int days) {
        String v = value.trim();
        if (v.length() < 8) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v.substring(0, 8), DA);
            return d.plusDays(days).format(DA) + v.substring(8);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
