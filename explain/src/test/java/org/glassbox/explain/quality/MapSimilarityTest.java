package org.glassbox.explain.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.glassbox.explain.SaliencyMap;
import org.junit.jupiter.api.Test;

class MapSimilarityTest {

    @Test
    void spearmanMatchesTheTextbookFormulaWithoutTies() {
        // ranks 1 2 3 4 vs 1 3 2 4: ρ = 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/60 = 0.8
        SaliencyMap a = new SaliencyMap(2, 2, new float[] {1, 2, 3, 4});
        SaliencyMap b = new SaliencyMap(2, 2, new float[] {10, 30, 20, 40});
        assertThat(MapSimilarity.spearmanOfAbsolute(a, b)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void spearmanUsesAbsoluteValuesAndAverageRanksForTies() {
        SaliencyMap a = new SaliencyMap(1, 4, new float[] {-4, 1, 2, 3});
        SaliencyMap b = new SaliencyMap(1, 4, new float[] {4, -1, 2, 3});
        assertThat(MapSimilarity.spearmanOfAbsolute(a, b)).isCloseTo(1, within(1e-12));
        assertThat(MapSimilarity.ranks(new double[] {5, 1, 5, 2})).containsExactly(3.5, 1, 3.5, 2);
        assertThat(MapSimilarity.spearmanOfAbsolute(a, new SaliencyMap(1, 4, new float[4]))).isNaN();
    }

    @Test
    void ssimIsOneForScaledCopiesAndLowForUnrelatedMaps() {
        Random r = new Random(3);
        float[] v = new float[32 * 32];
        float[] u = new float[v.length];
        float[] scaled = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
            u[i] = r.nextFloat();
            scaled[i] = -3 * v[i];
        }
        SaliencyMap a = new SaliencyMap(32, 32, v);
        assertThat(MapSimilarity.ssimOfAbsolute(a, new SaliencyMap(32, 32, scaled))).isCloseTo(1, within(1e-9));
        assertThat(MapSimilarity.ssimOfAbsolute(a, new SaliencyMap(32, 32, u))).isLessThan(0.2);
    }
}
