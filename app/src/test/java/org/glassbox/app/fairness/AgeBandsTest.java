package org.glassbox.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgeBandsTest {
    @Test
    void bandsAreHalfOpenWithWholeYearLabels() {
        AgeBands b = AgeBands.parse("0,18,40,60,80");
        assertThat(b.labels()).containsExactly("0-17", "18-39", "40-59", "60-79", "80+");
        assertThat(b.band(0)).isEqualTo("0-17");
        assertThat(b.band(17.99)).isEqualTo("0-17");
        assertThat(b.band(18)).isEqualTo("18-39");
        assertThat(b.band(59.5)).isEqualTo("40-59");
        assertThat(b.band(102)).isEqualTo("80+");
        assertThat(b.band(Double.NaN)).isNull();
    }

    @Test
    void fractionalEdgesAndAgesBelowTheFirstEdge() {
        AgeBands b = AgeBands.parse("0.5, 2");
        assertThat(b.labels()).isEqualTo(List.of("[0.5,2)", "2+"));
        assertThat(b.band(0.1)).isEqualTo("<0.5");
    }

    @Test
    void refusesEdgesThatDoNotIncreaseOrAreNotNumbers() {
        assertThatThrownBy(() -> AgeBands.parse("0,40,18")).hasMessageContaining("must increase");
        assertThatThrownBy(() -> AgeBands.parse("0,x")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> AgeBands.parse("-5,10")).hasMessageContaining("not a finite age");
    }
}
