package org.glassbox.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatientAgeTest {

    @Test
    void ageStringUnitsPerPs35() {
        assertThat(PatientAge.fromAgeString("042Y")).isEqualTo(42.0);
        assertThat(PatientAge.fromAgeString("006M")).isEqualTo(0.5);
        assertThat(PatientAge.fromAgeString("018M")).isEqualTo(1.5);
        // 52 weeks = 364 days; 364 / 365.25 by hand = 0.996577...
        assertThat(PatientAge.fromAgeString("052W")).isCloseTo(364 / 365.25, within(1e-12));
        assertThat(PatientAge.fromAgeString("010D")).isCloseTo(10 / 365.25, within(1e-12));
        assertThat(PatientAge.fromAgeString("000D")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "42 Y", "0042Y", "abcY", "-01Y", "151Y", "999Y", "1.5Y"})
    void malformedOrOutOfRangeAgeStringsAreUnknown(String as) {
        assertThat(PatientAge.fromAgeString(as)).isNaN();
    }

    @Test
    void datesGiveCompletedYearsPlusFractionOfTheCurrentYear() {
        assertThat(PatientAge.fromDates(LocalDate.of(2000, 3, 1), LocalDate.of(2010, 3, 1))).isEqualTo(10.0);
        // Born 1980-06-15, studied 2020-01-01: 39 completed years; the year of life 2019-06-15 to
        // 2020-06-15 has 366 days (29 Feb 2020), of which 200 have elapsed (15 in June + 185 Jul–Dec).
        assertThat(PatientAge.fromDates(LocalDate.of(1980, 6, 15), LocalDate.of(2020, 1, 1))).isCloseTo(39 + 200 / 366.0, within(1e-12));
        assertThat(PatientAge.fromDates(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 1))).isZero();
        assertThat(PatientAge.fromDates(LocalDate.of(2021, 1, 1), LocalDate.of(2020, 1, 1))).isNaN();
        assertThat(PatientAge.fromDates(null, LocalDate.of(2020, 1, 1))).isNaN();
        assertThat(PatientAge.fromDates(LocalDate.of(1800, 1, 1), LocalDate.of(2020, 1, 1))).isNaN();
    }

    @Test
    void ageStringWinsOverDatesAndDatesAreTheFallback() {
        assertThat(PatientAge.years("030Y", "19000101", "20200101")).isEqualTo(30.0);
        assertThat(PatientAge.years(null, "20000301", "20100301")).isEqualTo(10.0);
        assertThat(PatientAge.years("bad", "20000301", "20100301")).isEqualTo(10.0);
        assertThat(PatientAge.years(null, "2000.03.01", "20100301")).isEqualTo(10.0);
        assertThat(PatientAge.years(null, "20000231", "20100301")).isNaN();
        assertThat(PatientAge.years(null, "20000301", null)).isNaN();
        assertThat(PatientAge.years(null, null, null)).isNaN();
    }
}
