package org.glassbox.explain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against R's binom.test and mcnemar.test (mcnemar-reference.csv, made by make-proc-reference.R). */
class McNemarTest {
    @Test
    void matchesR() {
        int rows = 0;
        for (Map<String, String> r : ReferenceFixtures.read("mcnemar-reference.csv")) {
            int b = Integer.parseInt(r.get("b"));
            int c = Integer.parseInt(r.get("c"));
            assertThat(McNemar.exactP(b, c)).as("exact " + b + "," + c).isCloseTo(ReferenceFixtures.number(r.get("exact_p")), within(1e-12));
            double chi = McNemar.chiSquareCorrected(b, c);
            assertThat(chi).isCloseTo(ReferenceFixtures.number(r.get("chi2")), within(1e-12));
            assertThat(McNemar.chiSquareP(chi)).isCloseTo(ReferenceFixtures.number(r.get("chi2_p")), within(1e-12));
            rows++;
        }
        assertThat(rows).isEqualTo(5);
        assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0);
    }
}
