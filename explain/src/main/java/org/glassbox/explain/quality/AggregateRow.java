package org.glassbox.explain.quality;

/**
 * The mean of one metric over one group of explanations, with a percentile-bootstrap confidence
 * interval.
 *
 * @param method    explanation method
 * @param label     explained label
 * @param attribute the subgroup attribute ("all" for the whole set)
 * @param group     the attribute's value ("all" for the whole set)
 * @param metric    metric name
 * @param n         records with a defined (non-NaN) value
 * @param mean      mean of those values
 * @param ciLow     lower bound of the interval; NaN when n &lt; 2
 * @param ciHigh    upper bound; NaN when n &lt; 2
 */
public record AggregateRow(String method, String label, String attribute, String group, String metric, int n, double mean,
                           double ciLow, double ciHigh) {
}
