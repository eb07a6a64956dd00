package org.glassbox.explain.fairness;

/**
 * One equal-mass bin of a reliability curve.
 *
 * @param meanScore     mean predicted probability of the bin's cases
 * @param observedRate  fraction of the bin's cases that are positive
 * @param count         cases in the bin
 */
public record ReliabilityBin(double meanScore, double observedRate, int count) {
}
