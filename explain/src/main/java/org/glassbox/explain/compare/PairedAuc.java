package org.glassbox.explain.compare;

/**
 * Two models' AUCs on the same cases and the paired DeLong test of their difference (DeLong,
 * DeLong &amp; Clarke-Pearson 1988, fast algorithm of Sun &amp; Xu 2014; agrees with pROC's
 * {@code roc.test(method = "delong", paired = TRUE)}).
 *
 * @param aucA       AUC of model A
 * @param aucB       AUC of model B
 * @param difference aucB − aucA
 * @param ciLower    lower end of the CI of the difference (normal approximation, settings' level)
 * @param ciUpper    upper end
 * @param z          (aucB − aucA) / sqrt(var A + var B − 2 cov)
 * @param pValue     two-sided
 * @param n          cases (with known truth and both scores)
 * @param positives  of which positive
 * @param warning    null, or why the values are NaN (no positives / negatives, zero variance)
 */
public record PairedAuc(double aucA, double aucB, double difference, double ciLower, double ciUpper, double z, double pValue,
                        int n, int positives, String warning) {
}
