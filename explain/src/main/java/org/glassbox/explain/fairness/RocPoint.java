package org.glassbox.explain.fairness;

/**
 * One point of an ROC curve: deciding positive when {@code score >= threshold} gives these rates.
 * The curve starts at (0, 0) with threshold +∞ and ends at (1, 1).
 */
public record RocPoint(double threshold, double fpr, double tpr) {
}
