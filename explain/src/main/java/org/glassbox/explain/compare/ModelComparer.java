package org.glassbox.explain.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.Thresholds;
import org.glassbox.explain.stats.CohensKappa;
import org.glassbox.explain.stats.DeLong;
import org.glassbox.explain.stats.McNemar;
import org.glassbox.explain.stats.ScoreOrder;

/**
 * Compares two model versions scored on the same cases (paired by case id): per label and subgroup
 * the paired DeLong test of ΔAUC, McNemar's test of correctness at each model's own threshold, and
 * Cohen's kappa of their decisions; plus the cases whose decision flipped. Stateless.
 *
 * <p>Truth and attributes come from cohort A; where A does not know them, from B. A case whose known
 * truth differs between the cohorts is refused. Settings used: labels, groupings, threshold rule
 * (applied to each model's own scores), confidence level; the bootstrap settings are not used.
 */
public final class ModelComparer {
    private static final String ALL = "all";

    /**
     * @throws IllegalArgumentException for no shared case ids, an unknown label or attribute, or a
     *         case whose truth differs between the cohorts (naming case and label)
     */
    public ModelComparison compare(AuditCohort a, AuditCohort b, FairnessSettings settings) {
        Map<String, Integer> inB = new HashMap<>();
        for (int i = 0; i < b.size(); i++) {
            inB.put(b.caseId(i), i);
        }
        List<Integer> pa = new ArrayList<>();
        List<Integer> pb = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Integer j = inB.get(a.caseId(i));
            if (j != null) {
                pa.add(i);
                pb.add(j);
            }
        }
        int n = pa.size();
        if (n == 0) {
            throw new IllegalArgumentException("the two cohorts share no case id (" + a.size() + " and " + b.size() + " cases)");
        }
        List<String> labels = settings.labels().isEmpty()
                ? a.labels().stream().filter(b.labels()::contains).toList() : settings.labels();
        for (String label : labels) {
            if (!a.labels().contains(label) || !b.labels().contains(label)) {
                throw new IllegalArgumentException("label '" + label + "' is not in both cohorts (A: " + a.labels() + ", B: " + b.labels() + ")");
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("the two cohorts share no label (A: " + a.labels() + ", B: " + b.labels() + ")");
        }
        String[] ids = new String[n];
        for (int k = 0; k < n; k++) {
            ids[k] = a.caseId(pa.get(k));
        }
        Map<String, String[]> keys = new HashMap<>();
        for (Grouping g : settings.groupings()) {
            keys.put(g.name(), keys(a, b, pa, pb, g));
        }
        List<LabelComparison> out = new ArrayList<>();
        for (String label : labels) {
            out.add(compareLabel(label, a, b, pa, pb, ids, keys, settings));
        }
        return new ModelComparison(settings.withLabels(labels), n, a.size() - n, b.size() - n, out);
    }

    private LabelComparison compareLabel(String label, AuditCohort a, AuditCohort b, List<Integer> pa, List<Integer> pb, String[] ids,
                                         Map<String, String[]> keys, FairnessSettings settings) {
        int n = ids.length;
        double[] sa = new double[n];
        double[] sb = new double[n];
        byte[] truth = new byte[n];
        double[] allA = a.scores(label);
        double[] allB = b.scores(label);
        byte[] ta = a.truth(label);
        byte[] tb = b.truth(label);
        for (int k = 0; k < n; k++) {
            sa[k] = allA[pa.get(k)];
            sb[k] = allB[pb.get(k)];
            byte x = ta[pa.get(k)];
            byte y = tb[pb.get(k)];
            if (x != AuditCohort.TRUTH_UNKNOWN && y != AuditCohort.TRUTH_UNKNOWN && x != y) {
                throw new IllegalArgumentException("case '" + ids[k] + "': truth_" + label + " is " + x + " in cohort A but " + y + " in cohort B");
            }
            truth[k] = x != AuditCohort.TRUTH_UNKNOWN ? x : y;
        }
        int[] scored = java.util.stream.IntStream.range(0, n).filter(k -> !Double.isNaN(sa[k]) && !Double.isNaN(sb[k])).toArray();
        int[] valid = java.util.stream.IntStream.of(scored).filter(k -> truth[k] != AuditCohort.TRUTH_UNKNOWN).toArray();
        double thresholdA = threshold(settings, sa, truth, valid, label + " (model A)");
        double thresholdB = threshold(settings, sb, truth, valid, label + " (model B)");

        SubgroupComparison overall = compareCases(ALL, ALL, scored, sa, sb, truth, thresholdA, thresholdB, settings.confidenceLevel());
        List<SubgroupComparison> subgroups = new ArrayList<>();
        for (Grouping g : settings.groupings()) {
            String[] key = keys.get(g.name());
            TreeMap<String, List<Integer>> members = new TreeMap<>();
            for (int k : scored) {
                if (key[k] != null) {
                    members.computeIfAbsent(key[k], x -> new ArrayList<>()).add(k);
                }
            }
            for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
                subgroups.add(compareCases(g.name(), e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray(),
                        sa, sb, truth, thresholdA, thresholdB, settings.confidenceLevel()));
            }
        }
        List<DecisionFlip> flips = new ArrayList<>();
        for (int k : scored) {
            boolean da = sa[k] >= thresholdA;
            boolean db = sb[k] >= thresholdB;
            if (da != db) {
                flips.add(new DecisionFlip(ids[k], sa[k], sb[k], da, db, truth[k], sb[k] - sa[k]));
            }
        }
        flips.sort(Comparator.comparingDouble((DecisionFlip f) -> -Math.abs(f.scoreChange())).thenComparing(DecisionFlip::caseId));
        return new LabelComparison(label, thresholdA, thresholdB, overall, subgroups, flips);
    }

    private static double threshold(FairnessSettings settings, double[] scores, byte[] truth, int[] valid, String what) {
        int[] sorted = ScoreOrder.ascending(scores, valid);
        double[] s = new double[sorted.length];
        boolean[] p = new boolean[sorted.length];
        for (int j = 0; j < sorted.length; j++) {
            s[j] = scores[sorted[j]];
            p[j] = truth[sorted[j]] == AuditCohort.TRUTH_POSITIVE;
        }
        return Thresholds.choose(settings.threshold(), s, p, what);
    }

    /** @param cases indices with both scores (truth may be unknown: those count for kappa only) */
    private static SubgroupComparison compareCases(String grouping, String subgroup, int[] cases, double[] sa, double[] sb, byte[] truth,
                                                   double thresholdA, double thresholdB, double level) {
        int m = 0;
        for (int k : cases) {
            m += truth[k] == AuditCohort.TRUTH_POSITIVE ? 1 : 0;
        }
        int neg = 0;
        for (int k : cases) {
            neg += truth[k] == AuditCohort.TRUTH_NEGATIVE ? 1 : 0;
        }
        double[] xa = new double[m];
        double[] xb = new double[m];
        double[] ya = new double[neg];
        double[] yb = new double[neg];
        int i = 0;
        int j = 0;
        int bothCorrect = 0;
        int onlyA = 0;
        int onlyB = 0;
        int bothWrong = 0;
        long both1 = 0;
        long only1 = 0;
        long only2 = 0;
        long both0 = 0;
        for (int k : cases) {
            boolean da = sa[k] >= thresholdA;
            boolean db = sb[k] >= thresholdB;
            if (da && db) {
                both1++;
            } else if (da) {
                only1++;
            } else if (db) {
                only2++;
            } else {
                both0++;
            }
            if (truth[k] == AuditCohort.TRUTH_UNKNOWN) {
                continue;
            }
            boolean positive = truth[k] == AuditCohort.TRUTH_POSITIVE;
            if (positive) {
                xa[i] = sa[k];
                xb[i++] = sb[k];
            } else {
                ya[j] = sa[k];
                yb[j++] = sb[k];
            }
            boolean ca = da == positive;
            boolean cb = db == positive;
            if (ca && cb) {
                bothCorrect++;
            } else if (ca) {
                onlyA++;
            } else if (cb) {
                onlyB++;
            } else {
                bothWrong++;
            }
        }
        PairedAuc auc;
        if (m == 0 || neg == 0) {
            auc = new PairedAuc(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, m + neg, m,
                    m == 0 ? "no positives in subgroup" : "no negatives in subgroup");
        } else {
            DeLong.PairedTest t = DeLong.paired(DeLong.placements(xa, ya), DeLong.placements(xb, yb), level);
            String warning = m < 2 || neg < 2 ? "DeLong variance needs at least 2 positives and 2 negatives"
                    : Double.isInfinite(t.z()) || Double.isNaN(t.z()) ? "the variance of the AUC difference is 0 (z undefined)" : null;
            auc = new PairedAuc(t.auc1(), t.auc2(), t.difference(), t.lower(), t.upper(), t.z(), t.pValue(), m + neg, m, warning);
        }
        int discordant = onlyA + onlyB;
        McNemarTest mc = discordant < McNemarTest.EXACT_BELOW
                ? new McNemarTest(bothCorrect, onlyA, onlyB, bothWrong, Double.NaN, McNemar.exactP(onlyA, onlyB), McNemarTest.EXACT)
                : mcNemarChiSquare(bothCorrect, onlyA, onlyB, bothWrong);
        return new SubgroupComparison(grouping, subgroup, auc, mc, CohensKappa.of(both1, only1, only2, both0), cases.length);
    }

    private static McNemarTest mcNemarChiSquare(int bothCorrect, int onlyA, int onlyB, int bothWrong) {
        double chi = McNemar.chiSquareCorrected(onlyA, onlyB);
        return new McNemarTest(bothCorrect, onlyA, onlyB, bothWrong, chi, McNemar.chiSquareP(chi), McNemarTest.CHI_SQUARE_CC);
    }

    private static String[] keys(AuditCohort a, AuditCohort b, List<Integer> pa, List<Integer> pb, Grouping g) {
        int n = pa.size();
        String[] key = new String[n];
        List<String[]> colsA = new ArrayList<>();
        List<String[]> colsB = new ArrayList<>();
        for (String attr : g.attributes()) {
            boolean hasA = a.attributeNames().contains(attr);
            boolean hasB = b.attributeNames().contains(attr);
            if (!hasA && !hasB) {
                throw new IllegalArgumentException("unknown attribute '" + attr + "' in grouping '" + g.name() + "'; cohort A has "
                        + a.attributeNames() + ", cohort B has " + b.attributeNames());
            }
            colsA.add(hasA ? a.attribute(attr) : null);
            colsB.add(hasB ? b.attribute(attr) : null);
        }
        for (int k = 0; k < n; k++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < colsA.size() && sb != null; c++) {
                String v = colsA.get(c) == null ? null : colsA.get(c)[pa.get(k)];
                if (v == null && colsB.get(c) != null) {
                    v = colsB.get(c)[pb.get(k)];
                }
                if (v == null) {
                    sb = null;
                } else {
                    sb.append(c == 0 ? "" : Grouping.CROSS).append(v);
                }
            }
            key[k] = sb == null ? null : sb.toString();
        }
        return key;
    }
}
