package org.glassbox.explain.stats;

import java.util.Arrays;

/**
 * Holm's (1979) step-down correction of a family of p-values (controls the family-wise error rate;
 * the same as R's {@code p.adjust(method = "holm")}).
 */
public final class Holm {
    private Holm() {
    }

    /**
     * @param p raw p-values in [0, 1]; NaN entries are not tests (they stay NaN and do not count
     *          towards the family size)
     * @return adjusted p-values, same order
     */
    public static double[] adjust(double[] p) {
        Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
