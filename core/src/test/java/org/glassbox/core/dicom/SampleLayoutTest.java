package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bit patterns are masked, decoded values saturated: hand-computed cases at the range edges. */
class SampleLayoutTest {

    @Test
    void bitPatternsAreMaskedAndSignExtended() {
        assertThat(SampleLayout.storedValue(0xF123, 12, false)).isEqualTo(0x123); // overlay bits above the high bit dropped
        assertThat(SampleLayout.storedValue(0x0FFF, 12, true)).isEqualTo(-1);
        assertThat(SampleLayout.storedValue(0x0800, 12, true)).isEqualTo(-2048);
        assertThat(SampleLayout.storedValue(0xFFFFFFFFL, 32, true)).isEqualTo(-1);
    }

    @Test
    void decodedValuesOutsideTheRangeAreSaturatedNotWrapped() {
        // 5344 is what GDCM's lossy J2K encoder produced from 12-bit data; masking gives 1248.
        assertThat(SampleLayout.saturated(5344, 12, false)).isEqualTo(4095);
        assertThat(SampleLayout.saturated(-7, 12, false)).isEqualTo(0);
        assertThat(SampleLayout.saturated(4095, 12, false)).isEqualTo(4095);
        assertThat(SampleLayout.saturated(3072, 12, true)).isEqualTo(2047);
        assertThat(SampleLayout.saturated(-3840, 12, true)).isEqualTo(-2048);
        assertThat(SampleLayout.saturated(-2048, 12, true)).isEqualTo(-2048);
        assertThat(SampleLayout.saturated(300, 8, false)).isEqualTo(255);
        assertThat(SampleLayout.saturated(70000, 16, false)).isEqualTo(65535);
        assertThat(SampleLayout.saturated(-40000, 16, true)).isEqualTo(-32768);
        assertThat(SampleLayout.saturated(1L << 40, 32, true)).isEqualTo(Integer.MAX_VALUE);
        assertThat(SampleLayout.saturated(-5, 32, false)).isEqualTo(0);
    }
}
