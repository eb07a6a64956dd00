package org.glassbox.explain.fairness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.explain.stats.DeLong;
import org.glassbox.explain.stats.Diversity;
import org.glassbox.explain.stats.Holm;
import org.glassbox.explain.stats.Quantiles;
import org.glassbox.explain.stats.ScoreOrder;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Computes a {@link FairnessAudit}: per label, the whole cohort and every subgroup of every
 * grouping, each metric with a stratified percentile-bootstrap CI, disparities to a reference
 * subgroup with tests and Holm's correction, and the representation of the subgroups.
 *
 * <p>Per label the valid cases (score not NaN, truth known) are sorted by score once; each subgroup
 * keeps that order, and each resample is a vector of multiplicities evaluated in one pass (see
 * {@link SortedSubgroup}). Results do not depend on the parallelism.
 */
public final class FairnessAuditor {
    /** One paragraph for reports: what the numbers are. */
    public static final String METHOD = "AUC: Mann-Whitney (ties count 1/2); DeLong CI by the fast algorithm of Sun & Xu (2014), "
            + "clipped to [0,1] as pROC. Threshold chosen once per label on the whole cohort and held fixed; decision: score >= threshold. "
            + "Bootstrap: stratified by truth within each subgroup (positives and negatives resampled separately, so prevalence is fixed), "
            + "percentile intervals (R type-7 quantiles) over resamples where the statistic is defined; seeded per resample and subgroup. "
            + "ECE: equal-mass bins by score rank. Disparities: gap and ratio to the reference subgroup per resample; AUC gaps tested "
            + "by DeLong's unpaired test (Welch t, as pROC), other gaps by a Wald z-test with the bootstrap standard error; Holm "
            + "correction across all tests of a label. Flag: ratio outside the band and its CI excludes 1. Equalized-odds difference: "
            + "max of the TPR range and the FPR range across subgroups (Fairlearn); demographic-parity difference: selection-rate range.";

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private final ForkJoinPool pool;

    /** Uses the common fork-join pool. */
    public FairnessAuditor() {
        this(ForkJoinPool.commonPool());
    }

    /** Uses the given pool for the bootstrap (its parallelism changes speed, never results). */
    public FairnessAuditor(ForkJoinPool pool) {
        this.pool = pool;
    }

    public FairnessAudit audit(AuditCohort cohort, FairnessSettings settings) {
        return audit(cohort, settings, new CancelToken(), ProgressListener.NONE);
    }

    /**
     * @throws IllegalArgumentException for an unknown label or attribute, a named reference
     *         subgroup that does not exist, or a rule-based threshold on a label without positives
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public FairnessAudit audit(AuditCohort cohort, FairnessSettings settings, CancelToken cancel, ProgressListener progress) {
        List<String> labels = settings.labels().isEmpty() ? cohort.labels() : settings.labels();
        for (String label : labels) {
            if (!cohort.labels().contains(label)) {
                throw new IllegalArgumentException("unknown label '" + label + "'; the cohort has " + cohort.labels());
            }
        }
        for (Grouping g : settings.groupings()) {
            for (String a : g.attributes()) {
                if (!cohort.attributeNames().contains(a)) {
                    throw new IllegalArgumentException("unknown attribute '" + a + "' in grouping '" + g.name() + "'; the cohort has "
                            + cohort.attributeNames());
                }
            }
        }
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (Grouping g : settings.groupings()) {
            keys.put(g.name(), subgroupKeys(cohort, g));
        }
        List<LabelAudit> audits = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            progress.update((double) l / labels.size(), "auditing " + labels.get(l));
            audits.add(auditLabel(cohort, labels.get(l), l, settings, keys, cancel));
        }
        progress.update(1, "audit done");
        return new FairnessAudit(settings.withLabels(labels), cohort.size(), audits, METHOD);
    }

    private LabelAudit auditLabel(AuditCohort cohort, String label, int labelIndex, FairnessSettings settings,
                                  Map<String, String[]> keys, CancelToken cancel) {
        double[] scores = cohort.scores(label);
        byte[] truth = cohort.truth(label);
        int[] valid = IntStream.range(0, cohort.size())
                .filter(i -> !Double.isNaN(scores[i]) && truth[i] != AuditCohort.TRUTH_UNKNOWN).toArray();
        int[] sorted = ScoreOrder.ascending(scores, valid);
        double[] sortedScores = new double[sorted.length];
        boolean[] sortedPositive = new boolean[sorted.length];
        for (int j = 0; j < sorted.length; j++) {
            sortedScores[j] = scores[sorted[j]];
            sortedPositive[j] = truth[sorted[j]] == AuditCohort.TRUTH_POSITIVE;
        }
        double threshold = Thresholds.choose(settings.threshold(), sortedScores, sortedPositive, label);
        BootstrapRunner runner = new BootstrapRunner(pool);
        long streamBase = (long) labelIndex << 20;

        SortedSubgroup all = new SortedSubgroup(sorted, scores, truth, threshold);
        double[][][] allBoot = runner.run(List.of(all), settings.bootstrapResamples(), settings.seed(), streamBase, settings.calibrationBins(), cancel);
        SubgroupResult overall = summarize(SubgroupResult.OVERALL, all, allBoot[0], settings);

        List<GroupingResult> groupings = new ArrayList<>();
        List<Disparity> allDisparities = new ArrayList<>();
        List<int[]> disparityIndex = new ArrayList<>();
        for (int gi = 0; gi < settings.groupings().size(); gi++) {
            Grouping grouping = settings.groupings().get(gi);
            String[] key = keys.get(grouping.name());
            TreeMap<String, List<Integer>> members = new TreeMap<>();
            int unknown = 0;
            Map<String, Integer> counts = new TreeMap<>();
            for (int i = 0; i < key.length; i++) {
                if (key[i] == null) {
                    unknown++;
                } else {
                    counts.merge(key[i], 1, Integer::sum);
                    members.computeIfAbsent(key[i], k -> new ArrayList<>());
                }
            }
            for (int c : sorted) {
                if (key[c] != null) {
                    members.get(key[c]).add(c);
                }
            }
            List<String> names = new ArrayList<>(members.keySet());
            List<SortedSubgroup> groups = new ArrayList<>();
            for (String name : names) {
                groups.add(new SortedSubgroup(members.get(name).stream().mapToInt(Integer::intValue).toArray(), scores, truth, threshold));
            }
            double[][][] boot = runner.run(groups, settings.bootstrapResamples(), settings.seed(), streamBase + gi + 1,
                    settings.calibrationBins(), cancel);
            List<SubgroupResult> results = new ArrayList<>();
            for (int s = 0; s < groups.size(); s++) {
                results.add(summarize(names.get(s), groups.get(s), boot[s], settings));
            }
            int ref = referenceIndex(grouping, names, groups, settings);
            List<Disparity> disparities = new ArrayList<>();
            for (int s = 0; s < groups.size(); s++) {
                if (s == ref) {
                    continue;
                }
                for (Metric m : Metric.values()) {
                    disparities.add(disparity(results.get(s), results.get(ref), groups.get(s), groups.get(ref), m,
                            boot[s][m.ordinal()], boot[ref][m.ordinal()], settings));
                    disparityIndex.add(new int[] {gi, disparities.size() - 1});
                }
            }
            allDisparities.addAll(disparities);
            Estimate eod = rangeEstimate(results, boot, settings, Metric.TPR, Metric.FPR);
            Estimate dpd = rangeEstimate(results, boot, settings, Metric.SELECTION_RATE);
            groupings.add(new GroupingResult(grouping, names.isEmpty() ? null : names.get(ref), results, disparities, eod, dpd,
                    representation(counts, unknown)));
        }
        return new LabelAudit(label, threshold, cohort.size() - valid.length, overall, withHolm(groupings, allDisparities, 1 - settings.confidenceLevel()));
    }

    /**
     * Replaces each disparity's pHolm by Holm's adjustment across all disparities of the label, and
     * keeps a flag only where the difference also survives that correction (pHolm &lt; alpha): with
     * dozens of metric × subgroup tests per label, an uncorrected CI excluding 1 would flag
     * chance differences, which a reviewer would rightly reject.
     */
    private static List<GroupingResult> withHolm(List<GroupingResult> groupings, List<Disparity> all, double alpha) {
        double[] p = all.stream().mapToDouble(Disparity::pValue).toArray();
        double[] adjusted = Holm.adjust(p);
        List<GroupingResult> out = new ArrayList<>();
        int k = 0;
        for (GroupingResult g : groupings) {
            List<Disparity> ds = new ArrayList<>();
            for (Disparity d : g.disparities()) {
                double pHolm = adjusted[k++];
                ds.add(new Disparity(d.subgroup(), d.reference(), d.metric(), d.gap(), d.ratio(), d.pValue(), pHolm,
                        d.flagged() && pHolm < alpha));
            }
            out.add(new GroupingResult(g.grouping(), g.reference(), g.subgroups(), ds, g.equalizedOddsDifference(),
                    g.demographicParityDifference(), g.representation()));
        }
        return out;
    }

    private static String[] subgroupKeys(AuditCohort cohort, Grouping g) {
        String[] key = new String[cohort.size()];
        List<String[]> columns = g.attributes().stream().map(cohort::attribute).toList();
        for (int i = 0; i < key.length; i++) {
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < columns.size() && sb != null; a++) {
                String v = columns.get(a)[i];
                if (v == null) {
                    sb = null;
                } else {
                    sb.append(a == 0 ? "" : Grouping.CROSS).append(v);
                }
            }
            key[i] = sb == null ? null : sb.toString();
        }
        return key;
    }

    private static int referenceIndex(Grouping grouping, List<String> names, List<SortedSubgroup> groups, FairnessSettings settings) {
        String named = settings.referenceGroups().get(grouping.name());
        if (named != null) {
            int i = names.indexOf(named);
            if (i < 0) {
                throw new IllegalArgumentException("reference subgroup '" + named + "' of grouping '" + grouping.name()
                        + "' does not exist; subgroups: " + names);
            }
            return i;
        }
        int best = 0;
        for (int i = 1; i < groups.size(); i++) {
            if (groups.get(i).size() > groups.get(best).size()) {
                best = i;
            }
        }
        return best;
    }

    private static SubgroupResult summarize(String name, SortedSubgroup g, double[][] boot, FairnessSettings settings) {
        double[] values = new double[SortedSubgroup.METRICS];
        g.evaluate(null, settings.calibrationBins(), values, new double[3 * settings.calibrationBins()]);
        long[] c = g.confusion();
        int n = g.size();
        int pos = g.positives();
        int neg = g.negatives();
        List<String> warnings = new ArrayList<>();
        if (n == 0) {
            warnings.add("no cases with a score and known truth");
        } else if (pos == 0) {
            warnings.add("no positives in subgroup");
        } else if (neg == 0) {
            warnings.add("no negatives in subgroup");
        }
        String few = pos > 0 && pos < settings.minPositives()
                ? "only " + pos + " positives (< " + settings.minPositives() + "): read with care" : null;
        if (few != null) {
            warnings.add(few);
        }
        Map<Metric, Estimate> metrics = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            int mn = switch (m) {
                case TPR, FNR -> pos;
                case FPR, TNR -> neg;
                case PPV -> (int) (c[0] + c[1]);
                case NPV -> (int) (c[2] + c[3]);
                default -> n;
            };
            metrics.put(m, estimate(values[m.ordinal()], boot[m.ordinal()], mn, settings, undefinedReason(m, n, pos, neg)).withWarning(few));
        }
        Estimate prevalence = n == 0 ? Estimate.undefined(0, "no cases with a score and known truth") : Estimate.point((double) pos / n, n);
        Estimate delong;
        if (pos == 0 || neg == 0) {
            delong = Estimate.undefined(n, undefinedReason(Metric.AUC, n, pos, neg));
        } else {
            DeLong.AucInterval ci = DeLong.interval(DeLong.placements(g.positiveScores(), g.negativeScores()), settings.confidenceLevel());
            delong = new Estimate(ci.auc(), ci.lower(), ci.upper(), n,
                    pos < 2 || neg < 2 ? "DeLong variance needs at least 2 positives and 2 negatives" : null).withWarning(few);
        }
        return new SubgroupResult(name, n, pos, prevalence, delong, metrics, g.roc(settings.rocPoints()),
                g.reliability(settings.calibrationBins()), warnings);
    }

    private static String undefinedReason(Metric m, int n, int pos, int neg) {
        if (n == 0) {
            return "no cases with a score and known truth";
        }
        return switch (m) {
            case AUC -> pos == 0 ? "no positives in subgroup" : neg == 0 ? "no negatives in subgroup" : null;
            case TPR, FNR, F1 -> pos == 0 ? "no positives in subgroup" : null;
            case FPR, TNR -> neg == 0 ? "no negatives in subgroup" : null;
            case PPV -> "no positive decisions at the threshold";
            case NPV -> "no negative decisions at the threshold";
            default -> null;
        };
    }

    /** Point value with its percentile-bootstrap CI; NaN value → undefined with the reason. */
    private static Estimate estimate(double value, double[] boot, int n, FairnessSettings settings, String reasonIfNaN) {
        if (Double.isNaN(value)) {
            return Estimate.undefined(n, reasonIfNaN == null ? "undefined" : reasonIfNaN);
        }
        if (boot.length == 0) {
            return new Estimate(value, Double.NaN, Double.NaN, n, null);
        }
        double[] ci = Quantiles.percentileInterval(boot, settings.confidenceLevel());
        int undefined = boot.length - (int) ci[2];
        return new Estimate(value, ci[0], ci[1], n,
                undefined > 0 ? "undefined in " + undefined + " of " + boot.length + " resamples (CI over the rest)" : null);
    }

    private static Disparity disparity(SubgroupResult sub, SubgroupResult ref, SortedSubgroup subGroup, SortedSubgroup refGroup, Metric m,
                                       double[] subBoot, double[] refBoot, FairnessSettings settings) {
        Estimate a = sub.metric(m);
        Estimate b = ref.metric(m);
        int n = sub.n() + ref.n();
        int resamples = subBoot.length;
        Estimate gap;
        Estimate ratio;
        double p = Double.NaN;
        if (!a.isDefined() || !b.isDefined()) {
            String why = (!a.isDefined() ? sub.name() + ": " + a.warning() : ref.name() + " (reference): " + b.warning());
            gap = Estimate.undefined(n, why);
            ratio = Estimate.undefined(n, why);
        } else {
            double[] gapBoot = new double[resamples];
            double[] ratioBoot = new double[resamples];
            for (int k = 0; k < resamples; k++) {
                gapBoot[k] = subBoot[k] - refBoot[k];
                ratioBoot[k] = refBoot[k] == 0 ? Double.NaN : subBoot[k] / refBoot[k];
            }
            gap = estimate(a.value() - b.value(), gapBoot, n, settings, null);
            ratio = b.value() == 0 ? Estimate.undefined(n, "reference value is 0")
                    : estimate(a.value() / b.value(), ratioBoot, n, settings, null);
            if (m == Metric.AUC) {
                p = DeLong.unpaired(DeLong.placements(subGroup.positiveScores(), subGroup.negativeScores()), sub.n(),
                        DeLong.placements(refGroup.positiveScores(), refGroup.negativeScores()), ref.n()).pValue();
            } else if (resamples > 1) {
                double se = Quantiles.standardDeviation(gapBoot);
                double d = gap.value();
                if (se > 0) {
                    p = Math.min(1, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(d / se)));
                } else if (d == 0) {
                    p = 1;
                }
            }
        }
        boolean flagged = ratio.isDefined() && (ratio.value() < settings.ratioLow() || ratio.value() > settings.ratioHigh())
                && ratio.ciExcludes(1);
        return new Disparity(sub.name(), ref.name(), m, gap, ratio, p, Double.NaN, flagged);
    }

    /**
     * max over the metrics of (max − min across the subgroups where the metric is defined), per
     * resample for the CI: Fairlearn's equalized-odds difference for {TPR, FPR}, demographic parity
     * for {selection rate}.
     */
    private static Estimate rangeEstimate(List<SubgroupResult> results, double[][][] boot, FairnessSettings settings, Metric... metrics) {
        List<Integer> used = new ArrayList<>();
        int left = 0;
        for (int s = 0; s < results.size(); s++) {
            boolean ok = true;
            for (Metric m : metrics) {
                ok &= results.get(s).metric(m).isDefined();
            }
            if (ok) {
                used.add(s);
            } else {
                left++;
            }
        }
        int n = used.stream().mapToInt(s -> results.get(s).n()).sum();
        if (used.size() < 2) {
            return Estimate.undefined(n, "fewer than 2 subgroups where " + List.of(metrics) + " are defined");
        }
        double point = range(used, metrics, (s, m) -> results.get(s).metric(m).value());
        int resamples = settings.bootstrapResamples();
        double[] rb = new double[resamples];
        for (int k = 0; k < resamples; k++) {
            int kk = k;
            rb[k] = range(used, metrics, (s, m) -> boot[s][m.ordinal()][kk]);
        }
        return estimate(point, rb, n, settings, null)
                .withWarning(left > 0 ? left + " subgroup(s) left out where " + List.of(metrics) + " are undefined" : null);
    }

    private interface Value {
        double of(int subgroup, Metric m);
    }

    private static double range(List<Integer> used, Metric[] metrics, Value value) {
        double worst = Double.NEGATIVE_INFINITY;
        for (Metric m : metrics) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int s : used) {
                double v = value.of(s, m);
                if (Double.isNaN(v)) {
                    return Double.NaN;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            worst = Math.max(worst, hi - lo);
        }
        return worst;
    }

    private static Representation representation(Map<String, Integer> counts, int unknown) {
        long[] c = counts.values().stream().mapToLong(Integer::longValue).toArray();
        double shannon = Diversity.shannon(c);
        double evenness = c.length > 1 ? shannon / Math.log(c.length) : Double.NaN;
        return new Representation(counts, unknown, Diversity.gini(c), shannon, evenness);
    }
}
