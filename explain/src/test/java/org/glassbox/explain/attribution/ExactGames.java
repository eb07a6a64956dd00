package org.glassbox.explain.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.glassbox.explain.attribution.segmentation.SegmentHierarchy;

/**
 * Reference Shapley and Owen values by brute force, written from the definitions and sharing nothing
 * with the estimators: every coalition (Shapley) or every player order consistent with the hierarchy
 * (Owen).
 */
final class ExactGames {
    private ExactGames() {
    }

    /** v of every coalition, indexed by bit mask (bit j = player j present). */
    static double[] table(int m, ToDoubleFunction<boolean[]> v) {
        double[] t = new double[1 << m];
        for (int mask = 0; mask < t.length; mask++) {
            t[mask] = v.applyAsDouble(members(m, mask));
        }
        return t;
    }

    static boolean[] members(int m, int mask) {
        boolean[] z = new boolean[m];
        for (int j = 0; j < m; j++) {
            z[j] = (mask >> j & 1) == 1;
        }
        return z;
    }

    /** φ_i = Σ_{S ∌ i} |S|!(M−|S|−1)!/M! · (v(S ∪ i) − v(S)). */
    static double[] shapley(int m, double[] table) {
        double[] factorial = new double[m + 1];
        factorial[0] = 1;
        for (int i = 1; i <= m; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        double[] phi = new double[m];
        for (int mask = 0; mask < table.length; mask++) {
            int s = Integer.bitCount(mask);
            for (int i = 0; i < m; i++) {
                if ((mask >> i & 1) == 0) {
                    double w = factorial[s] * factorial[m - s - 1] / factorial[m];
                    phi[i] += w * (table[mask | 1 << i] - table[mask]);
                }
            }
        }
        return phi;
    }

    /** Owen values: mean marginal contribution over all orders that keep every group contiguous. */
    static double[] owen(SegmentHierarchy h, double[] table) {
        List<int[]> orders = orders(h, h.root());
        double[] phi = new double[h.leafCount()];
        for (int[] order : orders) {
            int mask = 0;
            for (int player : order) {
                phi[player] += table[mask | 1 << player] - table[mask];
                mask |= 1 << player;
            }
        }
        for (int i = 0; i < phi.length; i++) {
            phi[i] /= orders.size();
        }
        return phi;
    }

    private static List<int[]> orders(SegmentHierarchy h, int node) {
        List<int[]> out = new ArrayList<>();
        if (h.isLeaf(node)) {
            out.add(new int[] {node});
            return out;
        }
        List<int[]> a = orders(h, h.left(node));
        List<int[]> b = orders(h, h.right(node));
        for (int[] x : a) {
            for (int[] y : b) {
                out.add(concat(x, y));
                out.add(concat(y, x));
            }
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = new int[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
