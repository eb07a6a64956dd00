package org.glassbox.explain.fairness;

/**
 * One statistic with its confidence interval.
 *
 * @param value    the point estimate on the whole subgroup; NaN where undefined (then {@code warning}
 *                 says why, e.g. "no negatives in subgroup")
 * @param ciLower  lower end of the confidence interval (level in the settings); NaN where none
 * @param ciUpper  upper end; NaN where none
 * @param n        the number of cases the estimate rests on (for rates: the denominator's cases)
 * @param warning  null, or one line: why the value is NaN, or why it should be read with care
 *                 (fewer positives than the minimum)
 */
public record Estimate(double value, double ciLower, double ciUpper, int n, String warning) {

    /** An undefined estimate: NaN value and interval, with the reason. */
    public static Estimate undefined(int n, String reason) {
        return new Estimate(Double.NaN, Double.NaN, Double.NaN, n, reason);
    }

    /** A value without an interval (e.g. prevalence, which the truth-stratified bootstrap holds fixed). */
    public static Estimate point(double value, int n) {
        return new Estimate(value, Double.NaN, Double.NaN, n, null);
    }

    /** The interval as {lower, upper} (a fresh array). */
    public double[] ci() {
        return new double[] {ciLower, ciUpper};
    }

    public boolean isDefined() {
        return !Double.isNaN(value);
    }

    /** Whether the interval lies entirely on one side of {@code x} (false when there is no interval). */
    public boolean ciExcludes(double x) {
        return !Double.isNaN(ciLower) && !Double.isNaN(ciUpper) && (ciLower > x || ciUpper < x);
    }

    /** This estimate with one more warning appended ("; "-separated). */
    public Estimate withWarning(String more) {
        if (more == null) {
            return this;
        }
        return new Estimate(value, ciLower, ciUpper, n, warning == null ? more : warning + "; " + more);
    }
}
