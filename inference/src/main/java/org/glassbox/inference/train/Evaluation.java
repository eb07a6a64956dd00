package org.glassbox.inference.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.synth.Finding;
import org.glassbox.core.synth.TruthRow;

/**
 * A model's AUCs on one generated cohort: per label, and for consolidation (the shortcut's
 * finding) per site and per sex, so subgroup gaps are visible. AUC is NaN where a group has no
 * positives or no negatives.
 *
 * @param cohort   a name for the cohort, e.g. "balanced, no shortcut"
 * @param seed     the cohort's generator seed
 * @param studies  images scored
 * @param positives positives per label
 * @param aucByLabel AUC per label
 * @param consolidationBySite consolidation AUC per site name
 * @param consolidationBySex  consolidation AUC per sex code (F, M)
 */
public record Evaluation(String cohort, long seed, int studies, Map<String, Integer> positives, Map<String, Double> aucByLabel,
                         Map<String, Double> consolidationBySite, Map<String, Double> consolidationBySex) {

    /** Scores {@code data} with {@code model} in batches of {@code batch} and computes the AUCs. */
    public static Evaluation of(String cohort, long seed, CohortImages data, Classifier model, int batch) {
        int n = data.size();
        int k = Finding.values().length;
        double[][] scores = new double[k][n];
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            float[][] s = model.scores(data.batch(from, to));
            for (int i = from; i < to; i++) {
                for (int j = 0; j < k; j++) {
                    scores[j][i] = s[i - from][j];
                }
            }
        }
        Map<String, Integer> positives = new LinkedHashMap<>();
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (Finding f : Finding.values()) {
            boolean[] y = truth(data.rows(), f, r -> true);
            positives.put(f.label(), count(y));
            byLabel.put(f.label(), Auc.of(scores[f.ordinal()], y));
        }
        Map<String, Double> bySite = new TreeMap<>();
        Map<String, Double> bySex = new TreeMap<>();
        double[] c = scores[Finding.CONSOLIDATION.ordinal()];
        for (String site : data.rows().stream().map(TruthRow::site).distinct().toList()) {
            bySite.put(site, subgroupAuc(data.rows(), c, r -> r.site().equals(site)));
        }
        for (String sex : List.of("F", "M")) {
            bySex.put(sex, subgroupAuc(data.rows(), c, r -> r.sex().equals(sex)));
        }
        return new Evaluation(cohort, seed, n, positives, byLabel, bySite, bySex);
    }

    private static double subgroupAuc(List<TruthRow> rows, double[] scores, Predicate<TruthRow> in) {
        List<Double> s = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (in.test(rows.get(i))) {
                s.add(scores[i]);
                y.add(rows.get(i).findings().contains(Finding.CONSOLIDATION));
            }
        }
        double[] sa = s.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] ya = new boolean[y.size()];
        for (int i = 0; i < ya.length; i++) {
            ya[i] = y.get(i);
        }
        return Auc.of(sa, ya);
    }

    private static boolean[] truth(List<TruthRow> rows, Finding f, Predicate<TruthRow> in) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).findings().contains(f);
        }
        return y;
    }

    private static int count(boolean[] y) {
        int c = 0;
        for (boolean b : y) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
