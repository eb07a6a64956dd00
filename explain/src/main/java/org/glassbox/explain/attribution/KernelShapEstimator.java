package org.glassbox.explain.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Kernel SHAP (Lundberg &amp; Lee 2017) for any {@link CoalitionGame}, following the sampling scheme of
 * the {@code shap} package's {@code KernelExplainer}:
 * <ol>
 *   <li>v(all) and v(none) are evaluated first; they count against the budget.</li>
 *   <li>Coalition sizes s carry the Shapley-kernel mass (M−1)/(s(M−s)); sizes s and M−s are paired.
 *       Going from the smallest size up, a size (with its complement size) is enumerated completely
 *       while the budget left covers it at its share of the mass — so small budgets still get every
 *       single-segment and leave-one-out coalition, and a budget ≥ 2^M enumerates all, giving the exact
 *       Shapley values.</li>
 *   <li>The rest of the budget is sampled: a size from the remaining mass, a uniform subset of that
 *       size and its complement (paired sampling); a coalition drawn twice is evaluated once and counts
 *       twice. Sampled coalitions share the remaining mass in proportion to their counts.</li>
 *   <li>The Shapley values solve the weighted least-squares problem with Σφ = v(all) − v(none)
 *       enforced exactly by eliminating the last player (as {@code shap} does), by SVD pseudo-inverse
 *       (EJML), so an under-determined small budget still gives the minimum-norm answer. Efficiency
 *       then holds to double rounding.</li>
 * </ol>
 * Unlike {@code shap}, there is no L1 feature-selection step. Deterministic for a given random source.
 */
public final class KernelShapEstimator {

    /**
     * Shapley-value estimates and what they cost.
     *
     * @param values      φ per player; Σφ = full − empty
     * @param full        v(all players)
     * @param empty       v(no player)
     * @param evaluations game evaluations used (≤ the budget)
     */
    public record Result(double[] values, double full, double empty, long evaluations) {
    }

    private KernelShapEstimator() {
    }

    /**
     * @param budget game evaluations allowed, ≥ 2 (v(all) and v(none) included)
     */
    public static Result estimate(CoalitionGame game, int budget, SplittableRandom random) {
        int m = game.players();
        if (budget < 2) {
            throw new IllegalArgumentException("kernel SHAP needs at least 2 evaluations, got " + budget);
        }
        boolean[] all = new boolean[m];
        Arrays.fill(all, true);
        double[] ends = game.values(new boolean[][] {all, new boolean[m]});
        double full = ends[0];
        double empty = ends[1];
        double delta = full - empty;
        if (m == 1) {
            return new Result(new double[] {delta}, full, empty, 2);
        }
        Map<String, Row> rows = sample(m, budget - 2, random);
        List<Row> list = new ArrayList<>(rows.values());
        boolean[][] coalitions = new boolean[list.size()][];
        for (int i = 0; i < list.size(); i++) {
            coalitions[i] = list.get(i).mask;
        }
        double[] v = list.isEmpty() ? new double[0] : game.values(coalitions);
        return new Result(solve(list, v, m, empty, delta), full, empty, 2L + list.size());
    }

    private static final class Row {
        final boolean[] mask;
        double weight;

        Row(boolean[] mask, double weight) {
            this.mask = mask;
            this.weight = weight;
        }
    }

    /** Coalitions (neither empty nor full) with their kernel weights, at most {@code samples} of them. */
    static Map<String, Row> sample(int m, int samples, SplittableRandom random) {
        Map<String, Row> rows = new LinkedHashMap<>();
        int sizes = (m - 1 + 1) / 2;         // ceil((M−1)/2)
        int pairedSizes = (m - 1) / 2;       // floor((M−1)/2)
        double[] weightVector = new double[sizes];
        for (int s = 1; s <= sizes; s++) {
            weightVector[s - 1] = (m - 1.0) / (s * (double) (m - s)) * (s <= pairedSizes ? 2 : 1);
        }
        normalise(weightVector);
        double[] remaining = weightVector.clone();
        double left = samples;
        int fullSizes = 0;
        for (int s = 1; s <= sizes; s++) {
            double subsets = binomial(m, s) * (s <= pairedSizes ? 2 : 1);
            if (left * remaining[s - 1] / subsets < 1 - 1e-8) {
                break;
            }
            fullSizes++;
            left -= subsets;
            if (remaining[s - 1] < 1) {
                double scale = 1 - remaining[s - 1];
                for (int i = 0; i < remaining.length; i++) {
                    remaining[i] /= scale;
                }
            }
            double w = weightVector[s - 1] / binomial(m, s) / (s <= pairedSizes ? 2 : 1);
            boolean paired = s <= pairedSizes;
            forEachSubset(m, s, mask -> {
                add(rows, mask, w);
                if (paired) {
                    add(rows, complement(mask), w);
                }
            });
        }
        int fixed = rows.size();
        int toDraw = (int) Math.max(0, Math.round(left));
        if (fullSizes < sizes && toDraw > 0) {
            double[] p = new double[sizes - fullSizes];
            for (int i = 0; i < p.length; i++) {
                int s = fullSizes + 1 + i;
                p[i] = weightVector[s - 1] / (s <= pairedSizes ? 2 : 1);
            }
            normalise(p);
            double[] cumulative = new double[p.length];
            double acc = 0;
            for (int i = 0; i < p.length; i++) {
                acc += p[i];
                cumulative[i] = acc;
            }
            int[] order = new int[m];
            int attempts = 0;
            List<Row> sampled = new ArrayList<>();
            while (toDraw > 0 && attempts < 4 * samples) {
                attempts++;
                double u = random.nextDouble();
                int index = 0;
                while (index < cumulative.length - 1 && u >= cumulative[index]) {
                    index++;
                }
                int s = fullSizes + 1 + index;
                boolean[] mask = randomSubset(m, s, order, random);
                toDraw -= addSampled(rows, sampled, mask);
                if (toDraw > 0 && s <= pairedSizes) {
                    toDraw -= addSampled(rows, sampled, complement(mask));
                }
            }
            double weightLeft = 0;
            for (int s = fullSizes + 1; s <= sizes; s++) {
                weightLeft += weightVector[s - 1];
            }
            double counted = 0;
            for (Row row : sampled) {
                counted += row.weight;
            }
            for (Row row : sampled) {
                row.weight *= weightLeft / counted;
            }
        }
        assert rows.size() >= fixed;
        return rows;
    }

    /** Adds a sampled coalition with count 1, or counts it again; returns the new evaluations it costs. */
    private static int addSampled(Map<String, Row> rows, List<Row> sampled, boolean[] mask) {
        String key = key(mask);
        Row existing = rows.get(key);
        if (existing != null) {
            existing.weight += 1;
            return 0;
        }
        Row row = new Row(mask, 1);
        rows.put(key, row);
        sampled.add(row);
        return 1;
    }

    private static void add(Map<String, Row> rows, boolean[] mask, double weight) {
        rows.merge(key(mask), new Row(mask, weight), (a, b) -> {
            a.weight += b.weight;
            return a;
        });
    }

    /**
     * Weighted least squares for φ_0…φ_{M−2}, with φ_{M−1} = Δ − Σ others: y = v − v(∅) − z_{M−1}Δ,
     * X_j = z_j − z_{M−1}.
     */
    private static double[] solve(List<Row> rows, double[] v, int m, double empty, double delta) {
        int n = rows.size();
        double[] phi = new double[m];
        if (n == 0) {
            Arrays.fill(phi, delta / m);
            return phi;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, m - 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            boolean[] z = rows.get(i).mask;
            double root = Math.sqrt(rows.get(i).weight);
            double last = z[m - 1] ? 1 : 0;
            for (int j = 0; j < m - 1; j++) {
                x.set(i, j, root * ((z[j] ? 1 : 0) - last));
            }
            y.set(i, 0, root * (v[i] - empty - last * delta));
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(x)) {
            throw new IllegalStateException("kernel SHAP: the least-squares system could not be decomposed");
        }
        DMatrixRMaj beta = new DMatrixRMaj(m - 1, 1);
        solver.solve(y, beta);
        double sum = 0;
        for (int j = 0; j < m - 1; j++) {
            phi[j] = beta.get(j, 0);
            sum += phi[j];
        }
        phi[m - 1] = delta - sum;
        return phi;
    }

    interface MaskConsumer {
        void accept(boolean[] mask);
    }

    /** Every subset of size s of {0…m−1}, as masks, in lexicographic order of indices. */
    static void forEachSubset(int m, int s, MaskConsumer consumer) {
        int[] index = new int[s];
        for (int i = 0; i < s; i++) {
            index[i] = i;
        }
        while (true) {
            boolean[] mask = new boolean[m];
            for (int i : index) {
                mask[i] = true;
            }
            consumer.accept(mask);
            int i = s - 1;
            while (i >= 0 && index[i] == m - s + i) {
                i--;
            }
            if (i < 0) {
                return;
            }
            index[i]++;
            for (int j = i + 1; j < s; j++) {
                index[j] = index[j - 1] + 1;
            }
        }
    }

    private static boolean[] randomSubset(int m, int s, int[] order, SplittableRandom random) {
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        boolean[] mask = new boolean[m];
        for (int i = 0; i < s; i++) {
            int j = i + random.nextInt(m - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            mask[order[i]] = true;
        }
        return mask;
    }

    private static boolean[] complement(boolean[] mask) {
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = !mask[i];
        }
        return out;
    }

    private static String key(boolean[] mask) {
        char[] c = new char[mask.length];
        for (int i = 0; i < mask.length; i++) {
            c[i] = mask[i] ? '1' : '0';
        }
        return new String(c);
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    private static void normalise(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
    }
}
