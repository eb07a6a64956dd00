package org.glassbox.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Auc} against a hand-computed case and scikit-learn's roc_auc_score (fixture + generator script). */
class AucTest {

    @Test
    void handComputedWithTies() {
        // Positives 0.8, 0.4; negatives 0.4, 0.1, 0.9. Pairs: (0.8>0.4 ✓, 0.8>0.1 ✓, 0.8<0.9 ✗), (0.4=0.4 ½, 0.4>0.1 ✓, ✗) → 3.5/6.
        double auc = Auc.of(new double[] {0.8, 0.4, 0.4, 0.1, 0.9}, new boolean[] {true, true, false, false, false});
        assertThat(auc).isCloseTo(3.5 / 6, within(1e-12));
        assertThat(Auc.of(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void agreesWithScikitLearn() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("auc_fixture.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        assertThat(lines).hasSize(12);
        for (String line : lines) {
            String[] f = line.split(",");
            double[] s = Arrays.stream(f[1].split(" ")).mapToDouble(Double::parseDouble).toArray();
            String[] l = f[2].split(" ");
            boolean[] y = new boolean[l.length];
            for (int i = 0; i < l.length; i++) {
                y[i] = l[i].equals("1");
            }
            assertThat(Auc.of(s, y)).as("case " + f[0]).isCloseTo(Double.parseDouble(f[3]), within(1e-12));
        }
    }
}
