package org.glassbox.explain.attribution;

/**
 * A cooperative game v: a coalition of players (which features are present) → a number. The SHAP
 * estimators see only this, so they can be checked on games with known Shapley and Owen values.
 */
public interface CoalitionGame {

    /** Number of players M ≥ 1. */
    int players();

    /**
     * v of each coalition ({@code coalitions[i][j]}: player j present). Implementations may batch,
     * report progress and throw {@link java.util.concurrent.CancellationException}.
     */
    double[] values(boolean[][] coalitions);
}
