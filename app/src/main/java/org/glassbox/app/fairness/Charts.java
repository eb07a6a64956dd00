package org.glassbox.app.fairness;

import java.util.List;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.GroupingResult;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.ReliabilityBin;
import org.glassbox.explain.fairness.RocPoint;
import org.glassbox.explain.fairness.SubgroupResult;

/** The report's inline SVG charts: forest plots, ROC curves, reliability curves. */
final class Charts {
    /** Colour-blind-safe palette (Okabe–Ito), cycled over subgroups. */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000");
    static final String FLAG = "#C00000";

    private Charts() {
    }

    static String colour(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /**
     * A forest plot of one metric: a row per subgroup with its point estimate and CI whisker on
     * [0, 1], a dashed line at the reference subgroup's value; flagged rows in red.
     */
    static String forest(String label, GroupingResult g, Metric metric) {
        List<SubgroupResult> subs = g.subgroups();
        double left = 170;
        double plotW = 300;
        double rowH = 20;
        double top = 24;
        double h = top + rowH * subs.size() + 30;
        Svg svg = new Svg(left + plotW + 20, h, label + ": " + metric.key() + " by " + g.grouping().name() + " (point, CI; dashed: reference "
                + g.reference() + ")");
        svg.text(left + plotW / 2, 14, metric.key().toUpperCase(java.util.Locale.ROOT) + " by " + g.grouping().name(), "middle", 12, "#000");
        double y0 = top;
        double y1 = top + rowH * subs.size();
        for (int t = 0; t <= 4; t++) {
            double x = left + plotW * t / 4.0;
            svg.line(x, y0, x, y1, "#ddd", 1, false);
            svg.text(x, y1 + 14, Markup.num(t / 4.0).substring(0, 4), "middle", 10, "#444");
        }
        SubgroupResult ref = subs.stream().filter(s -> s.name().equals(g.reference())).findFirst().orElse(null);
        if (ref != null && ref.metric(metric) != null && ref.metric(metric).isDefined()) {
            double x = left + plotW * clamp(ref.metric(metric).value());
            svg.line(x, y0, x, y1, "#666", 1, true);
        }
        for (int i = 0; i < subs.size(); i++) {
            SubgroupResult s = subs.get(i);
            Estimate e = s.metric(metric);
            boolean flagged = g.disparities().stream().anyMatch(d -> d.flagged() && d.metric() == metric && d.subgroup().equals(s.name()));
            String c = flagged ? FLAG : "#000";
            double y = top + rowH * i + rowH / 2;
            String name = s.name() + (s.name().equals(g.reference()) ? " (ref)" : "") + " n=" + s.n();
            svg.text(left - 6, y + 4, name, "end", 11, c);
            if (e == null || !e.isDefined()) {
                svg.text(left + 4, y + 4, "undefined" + (e == null || e.warning() == null ? "" : ": " + e.warning()), "start", 10, "#888");
                continue;
            }
            if (!Double.isNaN(e.ciLower()) && !Double.isNaN(e.ciUpper())) {
                svg.line(left + plotW * clamp(e.ciLower()), y, left + plotW * clamp(e.ciUpper()), y, c, 1.5, false);
            }
            svg.circle(left + plotW * clamp(e.value()), y, flagged ? 4.5 : 3.5, c, s.name() + ": " + Markup.num(e.value()) + " ["
                    + Markup.num(e.ciLower()) + ", " + Markup.num(e.ciUpper()) + "]" + (flagged ? " flagged" : ""));
        }
        return svg.toString();
    }

    /** ROC curves of the overall cohort (grey) and each subgroup, with the chance diagonal. */
    static String roc(String label, SubgroupResult overall, List<SubgroupResult> subs, String groupingName) {
        double pad = 40;
        double size = 240;
        Svg svg = new Svg(pad + size + 150, pad + size + 30, label + ": ROC curves by " + groupingName);
        axes(svg, pad, size, "FPR", "TPR");
        svg.line(pad, pad + size, pad + size, pad, "#bbb", 1, true);
        curve(svg, overall.roc(), pad, size, "#999", SubgroupResult.OVERALL + " AUC " + Markup.num(overall.metric(Metric.AUC).value()), 0);
        for (int i = 0; i < subs.size(); i++) {
            SubgroupResult s = subs.get(i);
            Estimate auc = s.metric(Metric.AUC);
            curve(svg, s.roc(), pad, size, colour(i), s.name() + " AUC " + Markup.num(auc == null ? Double.NaN : auc.value()), i + 1);
        }
        return svg.toString();
    }

    private static void curve(Svg svg, List<RocPoint> points, double pad, double size, String colour, String legend, int row) {
        if (!points.isEmpty()) {
            double[] xs = new double[points.size()];
            double[] ys = new double[points.size()];
            for (int k = 0; k < points.size(); k++) {
                xs[k] = pad + size * clamp(points.get(k).fpr());
                ys[k] = pad + size * (1 - clamp(points.get(k).tpr()));
            }
            svg.polyline(xs, ys, colour, 1.5, legend);
        }
        legend(svg, pad + size + 10, pad + 14 * row, colour, legend);
    }

    /** Reliability curves: mean score vs observed rate per equal-mass bin, with the diagonal. */
    static String reliability(String label, SubgroupResult overall, List<SubgroupResult> subs, String groupingName) {
        double pad = 40;
        double size = 240;
        Svg svg = new Svg(pad + size + 150, pad + size + 30, label + ": reliability curves by " + groupingName);
        axes(svg, pad, size, "mean score", "observed rate");
        svg.line(pad, pad + size, pad + size, pad, "#bbb", 1, true);
        bins(svg, overall.reliability(), pad, size, "#999", SubgroupResult.OVERALL + " ECE " + Markup.num(overall.metric(Metric.ECE).value()), 0);
        for (int i = 0; i < subs.size(); i++) {
            SubgroupResult s = subs.get(i);
            Estimate ece = s.metric(Metric.ECE);
            bins(svg, s.reliability(), pad, size, colour(i), s.name() + " ECE " + Markup.num(ece == null ? Double.NaN : ece.value()), i + 1);
        }
        return svg.toString();
    }

    private static void bins(Svg svg, List<ReliabilityBin> bins, double pad, double size, String colour, String legend, int row) {
        if (!bins.isEmpty()) {
            double[] xs = new double[bins.size()];
            double[] ys = new double[bins.size()];
            for (int k = 0; k < bins.size(); k++) {
                ReliabilityBin b = bins.get(k);
                xs[k] = pad + size * clamp(b.meanScore());
                ys[k] = pad + size * (1 - clamp(b.observedRate()));
                svg.circle(xs[k], ys[k], 2.5, colour, legend + ": bin of " + b.count() + ", mean score " + Markup.num(b.meanScore())
                        + ", observed " + Markup.num(b.observedRate()));
            }
            svg.polyline(xs, ys, colour, 1.2, legend);
        }
        legend(svg, pad + size + 10, pad + 14 * row, colour, legend);
    }

    private static void axes(Svg svg, double pad, double size, String x, String y) {
        svg.rect(pad, pad, size, size, "none", "#444");
        for (int t = 0; t <= 4; t++) {
            double f = t / 4.0;
            svg.text(pad + size * f, pad + size + 14, Markup.num(f).substring(0, 4), "middle", 10, "#444");
            svg.text(pad - 4, pad + size * (1 - f) + 4, Markup.num(f).substring(0, 4), "end", 10, "#444");
        }
        svg.text(pad + size / 2, pad + size + 28, x, "middle", 11, "#000");
        svg.text(12, pad - 10, y, "start", 11, "#000");
    }

    private static void legend(Svg svg, double x, double y, String colour, String text) {
        svg.rect(x, y - 8, 10, 10, colour, colour);
        svg.text(x + 14, y + 1, text, "start", 10, "#000");
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    /** Whether any disparity of this metric is flagged in the grouping. */
    static boolean anyFlag(GroupingResult g, Metric m) {
        for (Disparity d : g.disparities()) {
            if (d.flagged() && d.metric() == m) {
                return true;
            }
        }
        return false;
    }
}
