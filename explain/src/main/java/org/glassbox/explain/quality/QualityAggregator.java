package org.glassbox.explain.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Aggregates {@link QualityRecord}s per method, per label and per subgroup: for every (method,
 * label) pair, every metric gets a row over all records and one row per value of each requested
 * attribute (a record without the attribute falls in group "unknown"). Means come with a
 * percentile bootstrap interval (Efron): {@code resamples} resamples with replacement of the
 * group's values. Each cell draws from its own stream derived from the seed and the cell's name, so
 * a row does not change when other groups are added.
 */
public final class QualityAggregator {
    public static final String ALL = "all";
    public static final String UNKNOWN = "unknown";

    private final int resamples;
    private final double confidence;
    private final long seed;

    /**
     * @param resamples  bootstrap resamples, ≥ 1 (e.g. 2,000)
     * @param confidence interval coverage in (0, 1), e.g. 0.95
     */
    public QualityAggregator(int resamples, double confidence, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be at least 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        this.resamples = resamples;
        this.confidence = confidence;
        this.seed = seed;
    }

    /** Rows sorted by method, label, attribute ("all" first), group, metric. */
    public List<AggregateRow> aggregate(List<QualityRecord> records, List<String> byAttributes) {
        // cell key: method, label, attribute, group, metric → values
        TreeMap<List<String>, List<Double>> cells = new TreeMap<>(QualityAggregator::compareKeys);
        for (QualityRecord r : records) {
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                add(cells, List.of(r.method(), r.label(), ALL, ALL, m.getKey()), m.getValue());
                for (String attribute : byAttributes) {
                    String group = r.attributes().getOrDefault(attribute, UNKNOWN);
                    add(cells, List.of(r.method(), r.label(), attribute, group, m.getKey()), m.getValue());
                }
            }
        }
        List<AggregateRow> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<Double>> cell : cells.entrySet()) {
            List<String> k = cell.getKey();
            double[] v = cell.getValue().stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).toArray();
            double mean = v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElseThrow();
            double[] ci = v.length < 2 ? new double[] {Double.NaN, Double.NaN} : bootstrap(v, String.join("\u0000", k));
            rows.add(new AggregateRow(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), v.length, mean, ci[0], ci[1]));
        }
        return rows;
    }

    private static void add(TreeMap<List<String>, List<Double>> cells, List<String> key, Double value) {
        cells.computeIfAbsent(key, x -> new ArrayList<>()).add(value == null ? Double.NaN : value);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (i == 2 && !x.equals(y) && (x.equals(ALL) || y.equals(ALL))) {
                return x.equals(ALL) ? -1 : 1;
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private double[] bootstrap(double[] v, String cellName) {
        SplittableRandom random = new SplittableRandom(seed ^ (long) cellName.hashCode() * 0x9E3779B97F4A7C15L);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[random.nextInt(v.length)];
            }
            means[b] = s / v.length;
        }
        Arrays.sort(means);
        double alpha = (1 - confidence) / 2;
        return new double[] {quantile(means, alpha), quantile(means, 1 - alpha)};
    }

    /** Linear interpolation between order statistics (type 7, as NumPy's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Distinct values of an attribute across records, sorted. */
    public static List<String> groups(List<QualityRecord> records, String attribute) {
        TreeSet<String> s = new TreeSet<>();
        records.forEach(r -> s.add(r.attributes().getOrDefault(attribute, UNKNOWN)));
        return List.copyOf(s);
    }
}
