package org.glassbox.core.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LookupTableTest {

    @Test
    void clampsBelowAndAboveAndIndexesFromFirstMapped() {
        LookupTable t = LookupTable.fromDescriptor(4, -2, 8, new int[] {10, 20, 30, 40});
        assertThat(t.lookup(-100)).isEqualTo(10);
        assertThat(t.lookup(-2)).isEqualTo(10);
        assertThat(t.lookup(-1)).isEqualTo(20);
        assertThat(t.lookup(0.7)).isEqualTo(30); // truncated to 0
        assertThat(t.lookup(1)).isEqualTo(40);
        assertThat(t.lookup(1000)).isEqualTo(40);
    }

    @Test
    void zeroEntriesMeans65536() {
        int[] data = new int[65536];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        LookupTable t = LookupTable.fromDescriptor(0, 0, 16, data);
        assertThat(t.entries()).isEqualTo(65536);
        assertThat(t.lookup(65535)).isEqualTo(65535);
        assertThatThrownBy(() -> LookupTable.fromDescriptor(0, 0, 16, new int[10])).hasMessageContaining("65536");
    }

    @Test
    void voiLutScalesByBits() {
        VoiLut v = new VoiLut(LookupTable.fromDescriptor(3, 0, 12, new int[] {0, 4095, 2048}));
        assertThat(v.toUnit(-5)).isEqualTo(0);
        assertThat(v.toUnit(1)).isEqualTo(1);
        assertThat(v.toUnit(99)).isEqualTo(2048 / 4095.0);
        assertThat(v.toUnit(Double.NaN)).isNaN();
    }
}
