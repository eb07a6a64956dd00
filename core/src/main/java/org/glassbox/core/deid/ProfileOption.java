package org.glassbox.core.deid;

import java.util.Optional;

/**
 * The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3.2–E.3.11), in the
 * column order of Table E.1-1, each with its code from CID 7050 "De-identification Method" (scheme
 * DCM) and the column name used in {@code ps3.15-table-e1-1.csv}.
 */
public enum ProfileOption {
    RETAIN_SAFE_PRIVATE("retainSafePrivate", "113111", "Retain Safe Private Option"),
    RETAIN_UIDS("retainUIDs", "113110", "Retain UIDs Option"),
    RETAIN_DEVICE_IDENTITY("retainDeviceIdentity", "113109", "Retain Device Identity Option"),
    RETAIN_INSTITUTION_IDENTITY("retainInstitutionIdentity", "113112", "Retain Institution Identity Option"),
    RETAIN_PATIENT_CHARACTERISTICS("retainPatientCharacteristics", "113108", "Retain Patient Characteristics Option"),
    RETAIN_LONGITUDINAL_FULL_DATES("retainLongFullDates", "113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    RETAIN_LONGITUDINAL_MODIFIED_DATES("retainLongModifiedDates", "113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    CLEAN_DESCRIPTORS("cleanDescriptors", "113105", "Clean Descriptors Option"),
    CLEAN_STRUCTURED_CONTENT("cleanStructuredContent", "113104", "Clean Structured Content Option"),
    CLEAN_GRAPHICS("cleanGraphics", "113103", "Clean Graphics Option");

    /** CID 7050 code of the profile itself: "Basic Application Confidentiality Profile". */
    public static final String BASIC_PROFILE_CODE = "113100";
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

    private final String column;
    private final String code;
    private final String meaning;

    ProfileOption(String column, String code, String meaning) {
        this.column = column;
        this.code = code;
        this.meaning = meaning;
    }

    /** Column name in the table resource. */
    public String column() {
        return column;
    }

    /** CID 7050 code value (coding scheme DCM). */
    public String code() {
        return code;
    }

    /** CID 7050 code meaning. */
    public String meaning() {
        return meaning;
    }

    public static Optional<ProfileOption> byCode(String code) {
        for (ProfileOption o : values()) {
            if (o.code.equals(code)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public static Optional<ProfileOption> byColumn(String column) {
        for (ProfileOption o : values()) {
            if (o.column.equals(column)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
