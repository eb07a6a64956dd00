package org.glassbox.explain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Holm, quantiles, Gini/Shannon, kappa and the score order on hand-computed cases. */
class SmallStatsTest {
    @Test
    void holmMatchesPAdjust() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.005});
        assertThat(adj[0]).isCloseTo(0.03, within(1e-15));
        assertThat(adj[1]).isCloseTo(0.06, within(1e-15));
        assertThat(adj[2]).isNaN();
        assertThat(adj[3]).isCloseTo(0.06, within(1e-15));
        assertThat(adj[4]).isCloseTo(0.02, within(1e-15));
    }

    @Test
    void percentileIntervalIsRType7() {
        // R: quantile(c(1:10, NA), c(.025, .975), na.rm=TRUE) = 1.225 9.775
        double[] v = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, Double.NaN};
        double[] ci = Quantiles.percentileInterval(v, 0.95);
        assertThat(ci[0]).isCloseTo(1.225, within(1e-12));
        assertThat(ci[1]).isCloseTo(9.775, within(1e-12));
        assertThat(ci[2]).isEqualTo(10);
    }

    @Test
    void giniAndShannon() {
        assertThat(Diversity.gini(new long[] {5, 5, 5})).isEqualTo(0.0);
        assertThat(Diversity.gini(new long[] {0, 0, 9})).isCloseTo(2.0 / 3, within(1e-15));
        // shares 0.25, 0.75: Σ|pi−pj| over ordered pairs = 1.0; / (2·2) = 0.25
        assertThat(Diversity.gini(new long[] {1, 3})).isCloseTo(0.25, within(1e-15));
        assertThat(Diversity.shannon(new long[] {1, 1, 1, 1})).isCloseTo(Math.log(4), within(1e-15));
        assertThat(Diversity.shannon(new long[] {7})).isEqualTo(0.0);
        assertThat(Diversity.gini(new long[0])).isNaN();
    }

    @Test
    void kappa() {
        // table: both1 20, only1 5, only2 10, both0 15 → po 0.7, pe 0.5·0.6+0.5·0.4 = 0.5 → 0.4
        assertThat(CohensKappa.of(20, 5, 10, 15)).isCloseTo(0.4, within(1e-15));
        assertThat(CohensKappa.of(7, 0, 0, 0)).isNaN();
    }

    @Test
    void scoreOrderSortsByScoreThenIndex() {
        double[] s = {0.5, 0.1, 0.5, -0.0, 0.0, 0.9};
        assertThat(ScoreOrder.ascending(s, new int[] {0, 1, 2, 3, 4, 5})).containsExactly(3, 4, 1, 0, 2, 5);
        assertThat(ScoreOrder.ascending(s, new int[] {5, 2, 0})).containsExactly(0, 2, 5);
    }
}
