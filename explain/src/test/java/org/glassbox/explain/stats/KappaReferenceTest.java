package org.glassbox.explain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fleiss' and nominal Cohen's kappa against statsmodels' {@code fleiss_kappa} and scikit-learn's
 * {@code cohen_kappa_score} (kappa-reference.csv, made by make-kappa-reference.py), and against the
 * worked example of Fleiss (1971) as printed on Wikipedia (κ = 0.210).
 */
class KappaReferenceTest {
    private static final List<Map<String, String>> ROWS = ReferenceFixtures.read("kappa-reference.csv");

    @Test
    void fleissMatchesTheWorkedExampleOfFleiss1971() {
        long[][] table = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        // Wikipedia: P̄ = 0.378, P̄e = 0.213, κ = 0.210 (to three decimals).
        assertThat(FleissKappa.of(table)).isCloseTo(0.210, within(0.0005));
    }

    @Test
    void fleissMatchesStatsmodels() {
        List<Map<String, String>> fleiss = ROWS.stream().filter(r -> r.get("kind").equals("fleiss")).toList();
        assertThat(fleiss).hasSize(5);
        for (Map<String, String> r : fleiss) {
            long[][] table = Arrays.stream(r.get("a").split("\\|"))
                    .map(row -> Arrays.stream(row.split(" ")).mapToLong(Long::parseLong).toArray()).toArray(long[][]::new);
            assertThat(table[0]).hasSize(Integer.parseInt(r.get("k")));
            assertThat(FleissKappa.of(table)).as(r.get("name")).isCloseTo(Double.parseDouble(r.get("kappa")), within(1e-12));
        }
    }

    @Test
    void nominalCohenMatchesScikitLearn() {
        List<Map<String, String>> cohen = ROWS.stream().filter(r -> r.get("kind").equals("cohen")).toList();
        assertThat(cohen).hasSize(4);
        for (Map<String, String> r : cohen) {
            int k = Integer.parseInt(r.get("k"));
            int[] a = Arrays.stream(r.get("a").split(" ")).mapToInt(Integer::parseInt).toArray();
            int[] b = Arrays.stream(r.get("b").split(" ")).mapToInt(Integer::parseInt).toArray();
            long[][] table = new long[k][k];
            for (int i = 0; i < a.length; i++) {
                table[a[i]][b[i]]++;
            }
            assertThat(CohensKappa.ofTable(table)).as(r.get("name")).isCloseTo(Double.parseDouble(r.get("kappa")), within(1e-12));
        }
    }

    @Test
    void nominalCohenOnTwoCategoriesEqualsTheBinaryForm() {
        assertThat(CohensKappa.ofTable(new long[][] {{20, 5}, {10, 15}})).isCloseTo(CohensKappa.of(20, 5, 10, 15), within(1e-15));
    }

    @Test
    void undefinedCasesAreNaNAndMalformedTablesAreRefused() {
        assertThat(FleissKappa.of(new long[0][])).isNaN();
        assertThat(FleissKappa.of(new long[][] {{3, 0}, {3, 0}})).isNaN();
        assertThat(FleissKappa.of(new long[][] {{3, 0}, {0, 3}})).isEqualTo(1.0);
        assertThat(CohensKappa.ofTable(new long[][] {{0, 0}, {0, 0}})).isNaN();
        assertThat(CohensKappa.ofTable(new long[][] {{5, 0}, {0, 0}})).isNaN();
        assertThatThrownBy(() -> FleissKappa.of(new long[][] {{3, 0}, {1, 1}})).hasMessageContaining("row 1 has 2 ratings, row 0 has 3");
        assertThatThrownBy(() -> FleissKappa.of(new long[][] {{1, 0}})).hasMessageContaining("at least 2 ratings");
        assertThatThrownBy(() -> CohensKappa.ofTable(new long[][] {{1, 0}})).hasMessageContaining("square");
    }
}
