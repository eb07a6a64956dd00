package org.glassbox.explain.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.glassbox.explain.SaliencyMap;
import org.junit.jupiter.api.Test;

class GroundTruthMetricsTest {
    private static final int H = 20;
    private static final int W = 20;

    /** A 4×5 rectangle at rows 2..5, columns 3..7: 20 of 400 pixels = 5 %. */
    private static float[] rectangle() {
        float[] m = new float[H * W];
        for (int y = 2; y < 6; y++) {
            for (int x = 3; x < 8; x++) {
                m[y * W + x] = 1;
            }
        }
        return m;
    }

    private static RegionMask mask() {
        return RegionMask.of(H, W, rectangle());
    }

    @Test
    void aMapEqualToTheMaskPointsInsideAndOverlapsItExactly() {
        SaliencyMap map = new SaliencyMap(H, W, rectangle());
        assertThat(GroundTruthMetrics.pointingGame(map, mask(), 0)).isEqualTo(1);
        assertThat(GroundTruthMetrics.energyPointing(map, mask())).isEqualTo(1);
        assertThat(GroundTruthMetrics.iouAtTopPercent(map, mask(), 5)).isEqualTo(1);
        // top 10 % = 40 pixels: the 20 of the mask and 20 outside → IoU 20/40
        assertThat(GroundTruthMetrics.iouAtTopPercent(map, mask(), 10)).isEqualTo(0.5);
    }

    @Test
    void pointingCountsAMaximumWithinTheToleranceOnly() {
        float[] v = new float[H * W];
        v[15 * W + 5] = 1; // row 15: 10 rows below the rectangle's last row (5)
        SaliencyMap map = new SaliencyMap(H, W, v);
        assertThat(GroundTruthMetrics.pointingGame(map, mask(), 9.9)).isZero();
        assertThat(GroundTruthMetrics.pointingGame(map, mask(), 10)).isEqualTo(1);
        assertThat(GroundTruthMetrics.pointingGame(map, mask(), GroundTruthMetrics.DEFAULT_POINTING_TOLERANCE_PX)).isEqualTo(1);
    }

    @Test
    void energyPointingIsTheShareOfPositiveEnergyInside() {
        float[] v = new float[H * W];
        v[3 * W + 4] = 3;    // inside
        v[10 * W + 10] = 1;  // outside
        v[4 * W + 4] = -50;  // inside but negative: not energy
        assertThat(GroundTruthMetrics.energyPointing(new SaliencyMap(H, W, v), mask())).isCloseTo(0.75, within(1e-12));
        assertThat(GroundTruthMetrics.energyPointing(new SaliencyMap(H, W, new float[H * W]), mask())).isNaN();
    }

    @Test
    void aMapZeroOnTheMaskHasNoOverlap() {
        float[] v = new float[H * W];
        Random r = new Random(1);
        float[] m = rectangle();
        for (int i = 0; i < v.length; i++) {
            v[i] = m[i] != 0 ? 0 : 1 + r.nextFloat();
        }
        SaliencyMap map = new SaliencyMap(H, W, v);
        assertThat(GroundTruthMetrics.iouAtTopPercent(map, mask(), 20)).isZero();
        assertThat(GroundTruthMetrics.energyPointing(map, mask())).isZero();
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedNamingBothSizes() {
        SaliencyMap map = new SaliencyMap(10, 10, new float[100]);
        assertThatThrownBy(() -> GroundTruthMetrics.pointingGame(map, mask(), 15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20×20").hasMessageContaining("10×10");
        assertThatThrownBy(() -> GroundTruthMetrics.iouAtTopPercent(new SaliencyMap(H, W, rectangle()), mask(), 0))
                .hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> GroundTruthMetrics.energyPointing(new SaliencyMap(H, W, rectangle()), RegionMask.of(H, W, new float[H * W])))
                .hasMessageContaining("empty");
    }
}
