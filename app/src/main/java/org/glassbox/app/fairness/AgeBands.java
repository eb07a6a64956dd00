package org.glassbox.app.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Age in years → band label, by ascending edges: edges {@code 0,18,40,60,80} give the bands
 * {@code 0-17}, {@code 18-39}, {@code 40-59}, {@code 60-79}, {@code 80+} (a band holds ages
 * {@code [edge_i, edge_{i+1})}; labels use whole years when the edges are whole numbers, otherwise
 * {@code [a,b)}). An age below the first edge is {@code <a}; NaN (unknown) gives null.
 */
public record AgeBands(double[] edges) {
    /** The default edges, 0, 18, 40, 60, 80. */
    public static final AgeBands DEFAULT = new AgeBands(new double[] {0, 18, 40, 60, 80});

    public AgeBands {
        if (edges.length == 0) {
            throw new IllegalArgumentException("age bands need at least one edge");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || edges[i] < 0) {
                throw new IllegalArgumentException("age band edge " + edges[i] + " is not a finite age >= 0");
            }
            if (i > 0 && edges[i] <= edges[i - 1]) {
                throw new IllegalArgumentException("age band edges must increase: " + Arrays.toString(edges));
            }
        }
        edges = edges.clone();
    }

    /** Parses comma-separated edges, e.g. {@code 0,18,40,60,80}. */
    public static AgeBands parse(String text) {
        List<Double> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                values.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("age band edge '" + part.strip() + "' is not a number (expected e.g. 0,18,40,60,80)");
            }
        }
        return new AgeBands(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** The band of an age in years; null when the age is NaN. */
    public String band(double ageYears) {
        if (Double.isNaN(ageYears)) {
            return null;
        }
        if (ageYears < edges[0]) {
            return "<" + format(edges[0]);
        }
        for (int i = edges.length - 1; i >= 0; i--) {
            if (ageYears >= edges[i]) {
                return label(i);
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Every band label in age order (below-first-edge band excluded). */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            out.add(label(i));
        }
        return out;
    }

    private String label(int i) {
        if (i == edges.length - 1) {
            return format(edges[i]) + "+";
        }
        boolean whole = edges[i] == Math.rint(edges[i]) && edges[i + 1] == Math.rint(edges[i + 1]);
        return whole ? format(edges[i]) + "-" + format(edges[i + 1] - 1) : "[" + format(edges[i]) + "," + format(edges[i + 1]) + ")";
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgeBands a && Arrays.equals(edges, a.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "AgeBands" + Arrays.toString(edges);
    }
}
