package org.glassbox.explain.attribution;

/**
 * How the path integral of Integrated Gradients is approximated with {@code n} gradient evaluations:
 * the points α ∈ [0, 1] along the path and the weight of each, as Captum defines them
 * ({@code captum.attr._utils.approximation_methods}). The weights sum to 1, so the attributions of a
 * linear model are exact under every rule.
 */
public enum QuadratureRule {
    /** α = i/n, i = 0…n−1; weight 1/n. */
    RIEMANN_LEFT,
    /** α = (i+1)/n; weight 1/n. */
    RIEMANN_RIGHT,
    /** α = (i+½)/n; weight 1/n. */
    RIEMANN_MIDDLE,
    /** α = i/(n−1), i = 0…n−1; weights 1/(n−1), halved at both ends (n ≥ 2). */
    RIEMANN_TRAPEZOID,
    /** Gauss–Legendre nodes and weights mapped to [0, 1]: Captum's default, exact for polynomials of degree 2n−1. */
    GAUSS_LEGENDRE;

    /** The n points α in [0, 1]. */
    public double[] alphas(int n) {
        requirePositive(n);
        double[] a = new double[n];
        switch (this) {
            case RIEMANN_LEFT -> fill(a, i -> (double) i / n);
            case RIEMANN_RIGHT -> fill(a, i -> (i + 1.0) / n);
            case RIEMANN_MIDDLE -> fill(a, i -> (i + 0.5) / n);
            case RIEMANN_TRAPEZOID -> fill(a, i -> n == 1 ? 1.0 : (double) i / (n - 1));
            case GAUSS_LEGENDRE -> {
                double[][] nw = gaussLegendre(n);
                fill(a, i -> (nw[0][i] + 1) / 2);
            }
        }
        return a;
    }

    /** The n weights, summing to 1. */
    public double[] weights(int n) {
        requirePositive(n);
        double[] w = new double[n];
        switch (this) {
            case RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE -> fill(w, i -> 1.0 / n);
            case RIEMANN_TRAPEZOID -> {
                if (n == 1) {
                    w[0] = 1;
                } else {
                    fill(w, i -> (i == 0 || i == n - 1 ? 0.5 : 1.0) / (n - 1));
                }
            }
            case GAUSS_LEGENDRE -> {
                double[][] nw = gaussLegendre(n);
                fill(w, i -> nw[1][i] / 2);
            }
        }
        return w;
    }

    /**
     * Nodes (ascending, in (−1, 1)) and weights of n-point Gauss–Legendre quadrature, by Newton's
     * method on the Legendre polynomial P_n from Chebyshev starting points (Golub–Welsch would need an
     * eigen-solver; Newton converges to machine precision in a few steps for any practical n).
     */
    static double[][] gaussLegendre(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = 0;
                for (int j = 1; j <= n; j++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2.0 * j - 1) * z * p1 - (j - 1.0) * p2) / j;
                }
                derivative = n * (z * p0 - p1) / (z * z - 1);
                double previous = z;
                z = previous - p0 / derivative;
                if (Math.abs(z - previous) < 1e-15) {
                    break;
                }
            }
            nodes[i] = -z;
            nodes[n - 1 - i] = z;
            double weight = 2 / ((1 - z * z) * derivative * derivative);
            weights[i] = weight;
            weights[n - 1 - i] = weight;
        }
        return new double[][] {nodes, weights};
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + n);
        }
    }

    private static void fill(double[] target, java.util.function.IntToDoubleFunction f) {
        for (int i = 0; i < target.length; i++) {
            target[i] = f.applyAsDouble(i);
        }
    }
}
