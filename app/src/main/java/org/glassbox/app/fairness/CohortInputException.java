package org.glassbox.app.fairness;

/**
 * Input a cohort cannot be built from (a malformed or inconsistent CSV, a model without scores, a
 * label without truth). The message is one line naming the file, row and column where there is one.
 */
public final class CohortInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public CohortInputException(String message) {
        super(message);
    }
}
