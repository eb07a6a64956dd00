package org.glassbox.app.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.glassbox.explain.SaliencyMap;
import org.glassbox.viewer.render.MapFootprint;
import org.junit.jupiter.api.Test;

/** The A−B map's maths on hand-made maps; resampling against PyTorch's interpolate (values in the comments). */
class DifferenceMapTest {

    @Test
    void eachMapIsDividedByItsOwnLargestAbsoluteValueKeepingTheSign() {
        assertThat(DifferenceMap.normalised(new float[] {-2, 0, 1, 4})).containsExactly(-0.5f, 0f, 0.25f, 1f);
        assertThat(DifferenceMap.normalised(new float[] {-8, 2})).containsExactly(-1f, 0.25f);
        assertThat(DifferenceMap.normalised(new float[] {Float.NaN, 3})).containsExactly(0f, 1f);
        assertThat(DifferenceMap.normalised(new float[] {0, 0})).containsExactly(0f, 0f);
    }

    @Test
    void sameGridDifferenceIsOfTheNormalisedMaps() {
        // A = [0, 2; 4, 8] → [0, .25; .5, 1]; B = [1, 1; 0, 2] → [.5, .5; 0, 1]
        DifferenceMap d = DifferenceMap.of(new SaliencyMap(2, 2, new float[] {0, 2, 4, 8}), new SaliencyMap(2, 2, new float[] {1, 1, 0, 2}));
        assertThat(d.height()).isEqualTo(2);
        assertThat(d.width()).isEqualTo(2);
        assertThat(d.values()).containsExactly(-0.5f, -0.25f, 0.5f, 0f);
        assertThat(d.maxAbs()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void scaleDoesNotMatterOnlyShape() {
        SaliencyMap a = new SaliencyMap(1, 3, new float[] {1, 2, 3});
        SaliencyMap b = new SaliencyMap(1, 3, new float[] {100, 200, 300});
        DifferenceMap d = DifferenceMap.of(a, b);
        assertThat(d.values()).containsOnly(0f);
        assertThat(d.maxAbs()).isZero();
    }

    @Test
    void bMapIsResampledBilinearlyOntoTheGridOfA() {
        // torch.nn.functional.interpolate([[0,1],[2,4]], size=(4,4), mode='bilinear', align_corners=False):
        float[] torch = {0f, 0.25f, 0.75f, 1f, 0.5f, 0.8125f, 1.4375f, 1.75f, 1.5f, 1.9375f, 2.8125f, 3.25f, 2f, 2.5f, 3.5f, 4f};
        SaliencyMap a = new SaliencyMap(4, 4, new float[16]); // all zero: the difference is −B′
        DifferenceMap d = DifferenceMap.of(a, new SaliencyMap(2, 2, new float[] {0, 1, 2, 4}));
        assertThat(d.height()).isEqualTo(4);
        assertThat(d.width()).isEqualTo(4);
        for (int i = 0; i < 16; i++) {
            assertThat(d.values()[i]).as("pixel %d", i).isCloseTo(-torch[i] / 4, within(1e-6f)); // B normalised by its max, 4
        }
        assertThat(d.maxAbs()).isCloseTo(1, within(1e-6));
    }

    @Test
    void downsamplingAndUnequalAspectFollowTheSameConvention() {
        // interpolate([[0,1,2],[3,4,5]], size=(3,2)) = [[.25,1.75],[1.75,3.25],[3.25,4.75]]
        float[] torch = {0.25f, 1.75f, 1.75f, 3.25f, 3.25f, 4.75f};
        DifferenceMap d = DifferenceMap.of(new SaliencyMap(3, 2, new float[6]), new SaliencyMap(2, 3, new float[] {0, 1, 2, 3, 4, 5}));
        for (int i = 0; i < 6; i++) {
            assertThat(d.values()[i]).isCloseTo(-torch[i] / 5, within(1e-6f));
        }
    }

    @Test
    void refusesValuesThatDoNotFitTheGrid() {
        assertThatThrownBy(() -> new DifferenceMap(2, 2, new float[3], 0, MapFootprint.whole(2, 2))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×2");
    }
    @Test
    void whenBCropsTheCentreTheDifferenceCoversOnlyTheCommonPartWithBothMapsInPlace() {
        // An 8 × 8 image. A sees all of it (4 × 4 map, 2 source pixels a cell); B centre-crops rows/columns 2..5 (2 × 2 map).
        // A's inner 2 × 2 cells cover exactly B's footprint and hold the same shape as B: the difference is zero there.
        float[] a = {
            0, 0, 0, 0,
            0, 2, 4, 0,
            0, 6, 8, 0,
            0, 0, 0, 0};
        SaliencyMap b = new SaliencyMap(2, 2, new float[] {1, 2, 3, 4});
        MapFootprint centre = new MapFootprint(2, 2, 4, 4);
        DifferenceMap d = DifferenceMap.of(new SaliencyMap(4, 4, a), MapFootprint.whole(8, 8), b, centre);
        assertThat(d.footprint()).isEqualTo(centre);
        assertThat(d.height()).isEqualTo(2);
        assertThat(d.width()).isEqualTo(2);
        assertThat(d.values()).containsOnly(0f);
        // Spread over the whole frame (the old behaviour) B's map would be compared with A's border of zeros.
        assertThat(DifferenceMap.of(new SaliencyMap(4, 4, a), b).maxAbs()).isGreaterThan(0.2);

        // A different B in the same place: A′ − B′ cell by cell.
        DifferenceMap flat = DifferenceMap.of(new SaliencyMap(4, 4, a), MapFootprint.whole(8, 8), new SaliencyMap(2, 2, new float[] {1, 1, 1, 1}), centre);
        assertThat(flat.values()).containsExactly(-0.75f, -0.5f, -0.25f, 0f);
    }

    @Test
    void betweenCellCentresBothMapsAreSampledBilinearlyInImageCoordinates() {
        // A 1 × 2 map over a 1 × 4 strip: cell centres at x = 1 and 3. At x = 2 (half-way) the value is the mean.
        SaliencyMap m = new SaliencyMap(1, 2, new float[] {0, 1});
        assertThat(DifferenceMap.sample(m.values(), 1, 2, MapFootprint.whole(4, 1), 2, 0.5)).isCloseTo(0.5f, within(1e-6f));
        assertThat(DifferenceMap.sample(m.values(), 1, 2, MapFootprint.whole(4, 1), 0.2, 0.5)).isZero(); // clamped to the outer centre
        assertThat(DifferenceMap.sample(m.values(), 1, 2, MapFootprint.whole(4, 1), 3.9, 0.5)).isEqualTo(1f);
    }

    @Test
    void footprintsThatDoNotOverlapAreRefused() {
        SaliencyMap m = new SaliencyMap(2, 2, new float[] {1, 2, 3, 4});
        assertThatThrownBy(() -> DifferenceMap.of(m, new MapFootprint(0, 0, 2, 2), m, new MapFootprint(4, 4, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not overlap");
    }
}
