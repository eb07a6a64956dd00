package org.glassbox.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuadratureRuleTest {

    @ParameterizedTest
    @EnumSource(QuadratureRule.class)
    void weightsSumToOneAndPointsLieOnThePath(QuadratureRule rule) {
        for (int n : new int[] {1, 2, 5, 64}) {
            assertThat(Arrays.stream(rule.weights(n)).sum()).isCloseTo(1.0, within(1e-12));
            assertThat(Arrays.stream(rule.alphas(n)).allMatch(a -> a >= 0 && a <= 1)).isTrue();
        }
    }

    @Test
    void gaussLegendreHasTheTextbookNodesAndIsExactToDegree2nMinus1() {
        double[][] three = QuadratureRule.gaussLegendre(3);
        assertThat(three[0]).containsExactly(new double[] {-Math.sqrt(0.6), 0, Math.sqrt(0.6)}, within(1e-14));
        assertThat(three[1]).containsExactly(new double[] {5 / 9.0, 8 / 9.0, 5 / 9.0}, within(1e-14));
        int n = 64;
        double[] a = QuadratureRule.GAUSS_LEGENDRE.alphas(n);
        double[] w = QuadratureRule.GAUSS_LEGENDRE.weights(n);
        for (int degree : new int[] {1, 10, 2 * n - 1}) {
            double integral = 0;
            for (int i = 0; i < n; i++) {
                integral += w[i] * Math.pow(a[i], degree);
            }
            assertThat(integral).isCloseTo(1.0 / (degree + 1), within(1e-12));
        }
    }

    @Test
    void riemannRulesPlaceTheirPointsAsCaptumDoes() {
        assertThat(QuadratureRule.RIEMANN_LEFT.alphas(4)).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(QuadratureRule.RIEMANN_RIGHT.alphas(4)).containsExactly(0.25, 0.5, 0.75, 1);
        assertThat(QuadratureRule.RIEMANN_MIDDLE.alphas(2)).containsExactly(0.25, 0.75);
        assertThat(QuadratureRule.RIEMANN_TRAPEZOID.alphas(3)).containsExactly(0, 0.5, 1);
        assertThat(QuadratureRule.RIEMANN_TRAPEZOID.weights(3)).containsExactly(0.25, 0.5, 0.25);
    }
}
