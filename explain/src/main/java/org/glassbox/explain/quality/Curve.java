package org.glassbox.explain.quality;

import java.util.Arrays;

/**
 * A deletion or insertion curve: the target score after removing (deletion) or restoring
 * (insertion) the first {@code fractions[k]} of the ranked pixels.
 *
 * @param kind             which curve
 * @param fractions        x values in [0, 1], ascending, first 0 and last 1
 * @param scores           the target's score (through the model's output kind) at each x
 * @param auc              area under the curve by the trapezoid rule over x ∈ [0, 1]; in the
 *                         score's units (for sigmoid/softmax scores within [0, 1]). Lower is better
 *                         for deletion, higher for insertion.
 * @param modelEvaluations images sent through the model
 */
public record Curve(Kind kind, double[] fractions, double[] scores, double auc, long modelEvaluations) {
    public enum Kind { DELETION, INSERTION }

    public Curve {
        if (fractions.length != scores.length || fractions.length < 2) {
            throw new IllegalArgumentException("a curve needs at least 2 points and one score per x");
        }
        fractions = fractions.clone();
        scores = scores.clone();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Trapezoid rule: Σ (x[k+1] − x[k]) · (y[k] + y[k+1]) / 2. */
    public static double trapezoid(double[] x, double[] y) {
        double area = 0;
        for (int k = 0; k + 1 < x.length; k++) {
            area += (x[k + 1] - x[k]) * (y[k] + y[k + 1]) / 2;
        }
        return area;
    }

    @Override
    public String toString() {
        return kind + "[auc=" + auc + ", " + Arrays.toString(scores) + "]";
    }
}
