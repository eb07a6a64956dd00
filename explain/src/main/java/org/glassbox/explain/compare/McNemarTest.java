package org.glassbox.explain.compare;

/**
 * McNemar's test of the two models' correctness at their own thresholds (cases with known truth).
 *
 * @param bothCorrect  cases both models decide correctly
 * @param onlyACorrect discordant: A right, B wrong
 * @param onlyBCorrect discordant: B right, A wrong
 * @param bothWrong    cases both get wrong
 * @param statistic    the chi-square statistic (|b − c| − 1)² / (b + c) with continuity correction;
 *                     NaN when the exact test was used
 * @param pValue       two-sided; 1 when there are no discordant cases
 * @param method       {@link #EXACT} when b + c &lt; {@link #EXACT_BELOW}, else {@link #CHI_SQUARE_CC}
 */
public record McNemarTest(int bothCorrect, int onlyACorrect, int onlyBCorrect, int bothWrong, double statistic, double pValue,
                          String method) {
    public static final String EXACT = "exact binomial";
    public static final String CHI_SQUARE_CC = "chi-square with continuity correction";
    /** Discordant counts below this use the exact binomial test. */
    public static final int EXACT_BELOW = 25;

    public int discordant() {
        return onlyACorrect + onlyBCorrect;
    }
}
