package org.glassbox.explain.compare;

/**
 * A case whose decision differs between the two models.
 *
 * @param caseId      the case
 * @param scoreA      model A's score
 * @param scoreB      model B's score
 * @param decisionA   A decides positive ({@code scoreA >= thresholdA})
 * @param decisionB   B decides positive
 * @param truth       1, 0 or -1 (unknown)
 * @param scoreChange scoreB − scoreA
 */
public record DecisionFlip(String caseId, double scoreA, double scoreB, boolean decisionA, boolean decisionB, byte truth,
                           double scoreChange) {
}
