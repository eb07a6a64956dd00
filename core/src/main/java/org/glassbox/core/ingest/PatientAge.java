package org.glassbox.core.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Age at the time of the study, in years, from the DICOM header.
 *
 * <p>PatientAge (0010,1010) has VR AS (PS3.5 Table 6.2-1): four characters {@code nnnD},
 * {@code nnnW}, {@code nnnM} or {@code nnnY} — days, weeks, months or years. Converted with a
 * year of 365.25 days, 52.1775 weeks (365.25 / 7) and 12 months. When it is absent or malformed,
 * the age is computed from PatientBirthDate (0010,0030) and StudyDate (0008,0020), both VR DA
 * ({@code YYYYMMDD}, PS3.5 Table 6.2-1): completed years plus the fraction of the current year of
 * life elapsed (days since the last birthday / days until the next one), so someone born on
 * 2000-03-01 is exactly 10.0 on 2010-03-01.
 *
 * <p>Results outside [0, 150] years, unparseable values and a birth date after the study date give
 * NaN (unknown).
 */
public final class PatientAge {
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    static final double DAYS_PER_YEAR = 365.25;

    private PatientAge() {
    }

    /**
     * @param patientAge AS value or null
     * @param birthDate  DA value or null
     * @param studyDate  DA value or null
     * @return age in years (fractional), or NaN when unknown
     */
    public static double years(String patientAge, String birthDate, String studyDate) {
        double fromAs = fromAgeString(patientAge);
        if (!Double.isNaN(fromAs)) {
            return fromAs;
        }
        return fromDates(parseDate(birthDate), parseDate(studyDate));
    }

    /** Parses an AS value ({@code nnnD|W|M|Y}); NaN when absent or malformed. */
    public static double fromAgeString(String as) {
        if (as == null) {
            return Double.NaN;
        }
        String s = as.strip();
        // PS3.5 requires exactly three digits; a few writers drop leading zeros, which is harmless to accept.
        if (!s.matches("\\d{1,3}[DWMYdwmy]")) {
            return Double.NaN;
        }
        int n = Integer.parseInt(s.substring(0, s.length() - 1));
        double years = switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
            case 'D' -> n / DAYS_PER_YEAR;
            case 'W' -> n * 7 / DAYS_PER_YEAR;
            case 'M' -> n / 12.0;
            default -> n;
        };
        return inRange(years);
    }

    /** Age from two dates; NaN when either is null or the birth is after the study. */
    public static double fromDates(LocalDate birth, LocalDate study) {
        if (birth == null || study == null || birth.isAfter(study)) {
            return Double.NaN;
        }
        long completed = ChronoUnit.YEARS.between(birth, study);
        LocalDate lastBirthday = birth.plusYears(completed);
        LocalDate nextBirthday = birth.plusYears(completed + 1);
        double fraction = (double) ChronoUnit.DAYS.between(lastBirthday, study) / ChronoUnit.DAYS.between(lastBirthday, nextBirthday);
        return inRange(completed + fraction);
    }

    /** Parses a DA value (YYYYMMDD, also the old ACR-NEMA YYYY.MM.DD); null when absent or invalid. */
    public static LocalDate parseDate(String da) {
        if (da == null) {
            return null;
        }
        String s = da.strip().replace(".", "");
        if (s.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(s, DA);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static double inRange(double years) {
        return years >= 0 && years <= 150 ? years : Double.NaN;
    }
}
