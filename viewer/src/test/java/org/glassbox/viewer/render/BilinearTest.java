package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BilinearTest {
    private static final float[] GRID = {0, 1, 2, 10, 11, 12}; // 2 rows x 3 columns

    @Test
    void cellCentresGiveTheirValuesAndBetweenThemItInterpolates() {
        assertThat(Bilinear.at(GRID, 2, 3, 2, 1)).isEqualTo(12);
        assertThat(Bilinear.at(GRID, 2, 3, 0.5, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(Bilinear.at(GRID, 2, 3, 1.5, 0.25)).isCloseTo(1.5 + 2.5, within(1e-12));
    }

    @Test
    void beyondTheOuterCentresItClamps() {
        assertThat(Bilinear.at(GRID, 2, 3, -3, -1)).isEqualTo(0);
        assertThat(Bilinear.at(GRID, 2, 3, 9, 0.5)).isCloseTo(7, within(1e-12));
    }
}
