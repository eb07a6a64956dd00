package org.glassbox.explain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AUC, DeLong variance and CI, and the paired and unpaired DeLong tests against pROC (delong-reference.csv). */
class DeLongTest {
    private static final double TOL = 1e-9;

    static DeLong.Placements placements(String dataset, String column, String group) {
        double[][] st = ReferenceFixtures.scoresAndTruth(dataset, column, group);
        boolean[] positive = new boolean[st[1].length];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = st[1][i] == 1;
        }
        return DeLong.placements(st[0], positive);
    }

    @Test
    void aucVarianceAndCiMatchProc() {
        List<Map<String, String>> ref = ReferenceFixtures.read("delong-reference.csv");
        assertThat(ref).hasSize(4);
        for (Map<String, String> r : ref) {
            String ds = r.get("dataset");
            for (String m : List.of("a", "b")) {
                DeLong.AucInterval ci = DeLong.interval(placements(ds, "score_" + m, null), 0.95);
                assertThat(ci.auc()).as(ds + " auc " + m).isCloseTo(ReferenceFixtures.number(r.get("auc_" + m)), within(TOL));
                assertThat(ci.variance()).as(ds + " var " + m).isCloseTo(ReferenceFixtures.number(r.get("var_" + m)), within(TOL));
                assertThat(ci.lower()).as(ds + " lo " + m).isCloseTo(ReferenceFixtures.number(r.get("ci_lo_" + m)), within(TOL));
                assertThat(ci.upper()).as(ds + " hi " + m).isCloseTo(ReferenceFixtures.number(r.get("ci_hi_" + m)), within(TOL));
            }
        }
    }

    @Test
    void pairedTestMatchesProcRocTest() {
        for (Map<String, String> r : ReferenceFixtures.read("delong-reference.csv")) {
            String ds = r.get("dataset");
            DeLong.PairedTest t = DeLong.paired(placements(ds, "score_a", null), placements(ds, "score_b", null), 0.95);
            assertThat(t.z()).as(ds + " z").isCloseTo(ReferenceFixtures.number(r.get("paired_z")), within(TOL));
            assertThat(t.pValue()).as(ds + " p").isCloseTo(ReferenceFixtures.number(r.get("paired_p")), within(TOL));
            assertThat(t.lower()).as(ds + " lo").isCloseTo(ReferenceFixtures.number(r.get("paired_lo")), within(TOL));
            assertThat(t.upper()).as(ds + " hi").isCloseTo(ReferenceFixtures.number(r.get("paired_hi")), within(TOL));
        }
    }

    @Test
    void unpairedTestMatchesProcRocTest() {
        int compared = 0;
        for (Map<String, String> r : ReferenceFixtures.read("delong-reference.csv")) {
            String ds = r.get("dataset");
            double[][] f = ReferenceFixtures.scoresAndTruth(ds, "score_a", "F");
            double[][] m = ReferenceFixtures.scoresAndTruth(ds, "score_a", "M");
            DeLong.UnpairedTest t = DeLong.unpaired(placements(ds, "score_a", "F"), f[0].length, placements(ds, "score_a", "M"), m[0].length);
            double expectedP = ReferenceFixtures.number(r.get("unpaired_p"));
            if (Double.isNaN(expectedP)) {
                assertThat(t.pValue()).as(ds + " p").isNaN();
                continue;
            }
            assertThat(t.t()).as(ds + " t").isCloseTo(ReferenceFixtures.number(r.get("unpaired_t")), within(TOL));
            assertThat(t.df()).as(ds + " df").isCloseTo(ReferenceFixtures.number(r.get("unpaired_df")), within(1e-6));
            assertThat(t.pValue()).as(ds + " p").isCloseTo(expectedP, within(TOL));
            compared++;
        }
        assertThat(compared).isEqualTo(3);
    }

    @Test
    void aucCountsTiesAsOneHalf() {
        // positives {0.5, 0.9}, negatives {0.5, 0.1}: pairs (0.5,0.5)=1/2, (0.5,0.1)=1, (0.9,0.5)=1, (0.9,0.1)=1 → 3.5/4
        DeLong.Placements p = DeLong.placements(new double[] {0.5, 0.9}, new double[] {0.5, 0.1});
        assertThat(p.auc()).isEqualTo(0.875);
        assertThat(p.v10()).containsExactly(0.75, 1.0);
        assertThat(p.v01()).containsExactly(0.75, 1.0);
    }

    @Test
    void allTiedScoresGiveOneHalfAndZeroVariance() {
        DeLong.Placements p = DeLong.placements(new double[] {0.3, 0.3, 0.3}, new double[] {0.3, 0.3});
        assertThat(p.auc()).isEqualTo(0.5);
        assertThat(p.variance()).isEqualTo(0.0);
    }

    @Test
    void missingClassGivesNaN() {
        assertThat(DeLong.placements(new double[0], new double[] {0.1}).auc()).isNaN();
        assertThat(DeLong.placements(new double[] {0.2}, new double[] {0.1}).variance()).isNaN();
    }
}
