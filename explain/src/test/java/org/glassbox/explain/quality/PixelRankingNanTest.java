package org.glassbox.explain.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassbox.explain.SaliencyMap;
import org.junit.jupiter.api.Test;

class PixelRankingNanTest {

    @Test
    void nanPixelsRankLastNotFirst() {
        PixelRanking r = PixelRanking.of(new SaliencyMap(1, 4, new float[] {Float.NaN, 0.5f, -1f, 2f}));
        assertThat(new int[] {r.pixelAt(0), r.pixelAt(1), r.pixelAt(2), r.pixelAt(3)}).containsExactly(3, 1, 2, 0);
    }
}
