package org.glassbox.app.fairness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.explain.compare.DecisionFlip;
import org.glassbox.explain.compare.LabelComparison;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.compare.SubgroupComparison;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.GroupingResult;
import org.glassbox.explain.fairness.LabelAudit;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;

/**
 * The self-contained HTML reports of {@code audit} and {@code compare}: one XHTML file (it parses as
 * XML), CSS inline, charts as inline SVG, no script and no external reference of any kind. Every
 * piece of data (subgroup names, sources, warnings) is escaped.
 */
public final class HtmlReport {
    /** Metrics drawn as forest plots (the others are in the tables). */
    static final List<Metric> FOREST = List.of(Metric.AUC, Metric.TPR, Metric.FNR, Metric.FPR, Metric.PPV, Metric.ECE);
    /** Flipped cases listed in the HTML (all are in the JSON). */
    static final int MAX_FLIPS = 50;

    private static final String CSS = "body{font-family:sans-serif;margin:1.5em;max-width:1100px;color:#111}"
            + "table{border-collapse:collapse;margin:0.5em 0 1em 0;font-size:0.85em}"
            + "th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}th:first-child,td:first-child{text-align:left}"
            + "th{background:#f0f0f0}tr.flag td{background:#fde0e0}.warn{color:#8a4b00}.muted{color:#666}"
            + "code{font-size:0.9em}.charts svg{margin:0 1em 1em 0;vertical-align:top}h2{border-bottom:2px solid #0072B2}";

    private final StringBuilder b = new StringBuilder();

    private HtmlReport() {
    }

    /** The audit report. */
    public static String audit(FairnessAudit audit, LoadedCohort cohort, Map<String, String> models, AgeBands ageBands) {
        HtmlReport r = new HtmlReport();
        r.open("GlassBox fairness audit");
        r.b.append("<h1>Fairness audit</h1>");
        r.cohort("Cohort", cohort, audit.cases(), models);
        r.settings(audit.settings(), ageBands);
        r.b.append("<p>Thresholds (chosen on the whole cohort by rule <code>").append(esc(audit.settings().threshold().describe()))
                .append("</code>): ");
        for (int i = 0; i < audit.labels().size(); i++) {
            LabelAudit l = audit.labels().get(i);
            r.b.append(i == 0 ? "" : ", ").append(esc(l.label())).append(" ").append(Markup.num(l.threshold()));
        }
        r.b.append("</p>");
        r.p("Method", audit.method());
        r.flagsAndWarnings(audit);
        for (LabelAudit l : audit.labels()) {
            r.label(l);
        }
        return r.close();
    }

    /** The comparison report: paired tests, each model's subgroup gaps, flipped cases. */
    public static String compare(ModelComparison c, LoadedCohort a, LoadedCohort bCohort, Map<String, String> models, FairnessAudit gapsA,
                                 FairnessAudit gapsB, AgeBands ageBands) {
        HtmlReport r = new HtmlReport();
        r.open("GlassBox model comparison");
        r.b.append("<h1>Model comparison</h1>");
        r.b.append("<table><tr><th>model</th><th>sha256</th></tr>");
        String[] ab = {"A", "B"};
        int k = 0;
        for (Map.Entry<String, String> m : models.entrySet()) {
            r.b.append("<tr><td>").append(k < 2 ? ab[k] + ": " : "").append(esc(m.getKey())).append("</td><td><code>").append(esc(m.getValue()))
                    .append("</code></td></tr>");
            k++;
        }
        r.b.append("</table>");
        r.b.append("<p>Paired cases: ").append(c.paired()).append("; only scored by A: ").append(c.onlyInA()).append("; only by B: ")
                .append(c.onlyInB()).append(" (left out).</p>");
        r.cohort("Cohort A", a, a.cohort().size(), Map.of());
        r.cohort("Cohort B", bCohort, bCohort.cohort().size(), Map.of());
        r.settings(c.settings(), ageBands);
        for (LabelComparison l : c.labels()) {
            r.b.append("<h2>").append(esc(l.label())).append("</h2>");
            r.b.append("<p>Thresholds: A ").append(Markup.num(l.thresholdA())).append(", B ").append(Markup.num(l.thresholdB())).append("</p>");
            r.b.append("<table><tr><th>grouping</th><th>subgroup</th><th>n</th><th>pos</th><th>AUC A</th><th>AUC B</th><th>ΔAUC (B−A)</th>"
                    + "<th>CI</th><th>p (DeLong)</th><th>McNemar A✓B✗ / A✗B✓</th><th>p (McNemar)</th><th>κ</th><th>warning</th></tr>");
            r.comparisonRow(l.overall());
            l.subgroups().forEach(r::comparisonRow);
            r.b.append("</table>");
            if (gapsA != null && gapsB != null) {
                r.gapTable(l.label(), gapsA, gapsB);
            }
            r.b.append("<h3>Flipped decisions</h3><p>").append(l.flips().size()).append(" case(s) decided differently by A and B")
                    .append(l.flips().size() > MAX_FLIPS ? "; the " + MAX_FLIPS + " largest score changes are listed (all are in --json)" : "")
                    .append(".</p>");
            if (!l.flips().isEmpty()) {
                r.b.append("<table><tr><th>case</th><th>score A</th><th>score B</th><th>change</th><th>A</th><th>B</th><th>truth</th></tr>");
                for (DecisionFlip f : l.flips().subList(0, Math.min(MAX_FLIPS, l.flips().size()))) {
                    r.b.append("<tr><td><code>").append(esc(f.caseId())).append("</code></td><td>").append(Markup.num(f.scoreA())).append("</td><td>")
                            .append(Markup.num(f.scoreB())).append("</td><td>").append(Markup.num(f.scoreChange())).append("</td><td>")
                            .append(f.decisionA() ? "pos" : "neg").append("</td><td>").append(f.decisionB() ? "pos" : "neg").append("</td><td>")
                            .append(f.truth() < 0 ? "?" : Integer.toString(f.truth())).append("</td></tr>");
                }
                r.b.append("</table>");
            }
        }
        return r.close();
    }

    /** Writes the report atomically (temp file + rename): a reader never sees half a report. */
    public static void write(Path file, String html) throws IOException {
        AtomicFiles.write(file, temp -> Files.writeString(temp, html, StandardCharsets.UTF_8));
    }

    private void open(String title) {
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"UTF-8\"/><title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>");
    }

    private String close() {
        b.append("<p class=\"muted\">Generated by GlassBox. Subgroup statistics describe this cohort only; small subgroups have wide intervals.</p>");
        return b.append("</body></html>\n").toString();
    }

    private void cohort(String heading, LoadedCohort c, int cases, Map<String, String> models) {
        b.append("<h3>").append(esc(heading)).append("</h3><table>");
        row("source", c.source());
        row("cases", Integer.toString(cases));
        for (Map.Entry<String, String> m : models.entrySet()) {
            row("model " + m.getKey(), m.getValue());
        }
        if (models.isEmpty()) {
            row("model hashes", c.modelHashes().isEmpty() ? "none (scores made elsewhere)" : String.join(", ", c.modelHashes()));
        }
        if (c.exclusions().isEmpty()) {
            row("exclusions", "none");
        }
        c.exclusions().forEach((reason, n) -> row("excluded: " + reason, Integer.toString(n)));
        b.append("</table>");
    }

    private void settings(FairnessSettings s, AgeBands ageBands) {
        b.append("<h3>Settings</h3><table>");
        row("threshold rule", s.threshold().describe());
        row("bootstrap", s.bootstrapResamples() + " stratified resamples, seed " + s.seed() + ", " + Math.round(s.confidenceLevel() * 100)
                + " % percentile intervals; AUC also with the DeLong CI");
        row("minimum positives per subgroup", Integer.toString(s.minPositives()));
        row("calibration bins (equal mass)", Integer.toString(s.calibrationBins()));
        row("flag rule", "ratio to reference outside [" + s.ratioLow() + ", " + s.ratioHigh() + "] and its CI excludes 1");
        row("groupings", String.join(", ", s.groupings().stream().map(g -> g.name()).toList()));
        if (!s.referenceGroups().isEmpty()) {
            row("reference groups", s.referenceGroups().toString());
        }
        if (ageBands != null) {
            row("age band edges", ageBands.labels().toString());
        }
        b.append("</table>");
    }

    private void flagsAndWarnings(FairnessAudit audit) {
        b.append("<h3>Flags</h3>");
        int flags = 0;
        StringBuilder list = new StringBuilder("<ul>");
        for (LabelAudit l : audit.labels()) {
            for (GroupingResult g : l.groupings()) {
                for (Disparity d : g.flagged()) {
                    flags++;
                    list.append("<li>").append(esc(l.label() + ", " + g.grouping().name() + " = " + d.subgroup() + " vs " + d.reference() + ": "
                            + d.metric().key() + " ratio " + Markup.num(d.ratio().value()) + " [" + Markup.num(d.ratio().ciLower()) + ", "
                            + Markup.num(d.ratio().ciUpper()) + "], gap " + Markup.num(d.gap().value()) + ", Holm p " + Markup.p(d.pHolm())))
                            .append("</li>");
                }
            }
        }
        b.append(flags == 0 ? "<p>No disparity flagged.</p>" : list.append("</ul>").toString());
        StringBuilder w = new StringBuilder();
        for (LabelAudit l : audit.labels()) {
            l.overall().warnings().forEach(x -> w.append("<li>").append(esc(l.label() + ", all: " + x)).append("</li>"));
            for (GroupingResult g : l.groupings()) {
                for (SubgroupResult s : g.subgroups()) {
                    s.warnings().forEach(x -> w.append("<li>").append(esc(l.label() + ", " + g.grouping().name() + " = " + s.name() + ": " + x))
                            .append("</li>"));
                }
            }
        }
        b.append("<h3>Warnings</h3>").append(w.length() == 0 ? "<p>None.</p>" : "<ul class=\"warn\">" + w + "</ul>");
    }

    private void label(LabelAudit l) {
        b.append("<h2>").append(esc(l.label())).append("</h2><p>Threshold ").append(Markup.num(l.threshold())).append("; ").append(l.excluded())
                .append(" case(s) without score or truth left out.</p>");
        for (GroupingResult g : l.groupings()) {
            b.append("<h3>").append(esc(l.label() + " by " + g.grouping().name())).append("</h3>");
            b.append("<p>Reference: <b>").append(esc(g.reference())).append("</b>. Representation: ");
            g.representation().counts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append(esc(e.getKey())).append(" ").append(e.getValue()).append("; "));
            b.append("unknown ").append(g.representation().unknown()).append(". Gini ").append(Markup.num(g.representation().gini()))
                    .append(", Shannon ").append(Markup.num(g.representation().shannon())).append(" (evenness ")
                    .append(Markup.num(g.representation().shannonEvenness())).append(").</p>");
            metricsTable(l.overall(), g);
            disparityTable(g);
            b.append("<p>Equalized-odds difference ").append(est(g.equalizedOddsDifference())).append("; demographic-parity difference ")
                    .append(est(g.demographicParityDifference())).append(".</p>");
            b.append("<div class=\"charts\">");
            for (Metric m : FOREST) {
                b.append(Charts.forest(l.label(), g, m));
            }
            b.append(Charts.roc(l.label(), l.overall(), g.subgroups(), g.grouping().name()));
            b.append(Charts.reliability(l.label(), l.overall(), g.subgroups(), g.grouping().name()));
            b.append("</div>");
        }
        if (l.groupings().isEmpty()) {
            metricsTable(l.overall(), null);
            b.append("<div class=\"charts\">").append(Charts.roc(l.label(), l.overall(), List.of(), "none"))
                    .append(Charts.reliability(l.label(), l.overall(), List.of(), "none")).append("</div>");
        }
    }

    private void metricsTable(SubgroupResult overall, GroupingResult g) {
        b.append("<table><tr><th>subgroup</th><th>n</th><th>pos</th><th>prevalence</th><th>AUC (DeLong CI)</th>");
        for (Metric m : Metric.values()) {
            b.append("<th>").append(esc(m.key())).append(m == Metric.AUC ? " (bootstrap CI)" : "").append("</th>");
        }
        b.append("<th>warnings</th></tr>");
        subgroupRow(overall, g);
        if (g != null) {
            g.subgroups().forEach(s -> subgroupRow(s, g));
        }
        b.append("</table>");
    }

    private void subgroupRow(SubgroupResult s, GroupingResult g) {
        boolean flagged = g != null && g.disparities().stream().anyMatch(d -> d.flagged() && d.subgroup().equals(s.name()));
        b.append(flagged ? "<tr class=\"flag\">" : "<tr>").append("<td>").append(esc(s.name()))
                .append(g != null && s.name().equals(g.reference()) ? " (ref)" : "").append("</td><td>").append(s.n()).append("</td><td>")
                .append(s.positives()).append("</td><td>").append(Markup.num(s.prevalence().value())).append("</td><td>")
                .append(s.aucDeLong() == null ? "–" : est(s.aucDeLong())).append("</td>");
        for (Metric m : Metric.values()) {
            Estimate e = s.metric(m);
            b.append("<td>").append(e == null ? "–" : est(e)).append("</td>");
        }
        b.append("<td class=\"warn\">").append(esc(String.join("; ", s.warnings()))).append("</td></tr>");
    }

    private void disparityTable(GroupingResult g) {
        if (g.disparities().isEmpty()) {
            return;
        }
        b.append("<table><tr><th>subgroup vs reference</th><th>metric</th><th>gap [CI]</th><th>ratio [CI]</th><th>p</th><th>p (Holm)</th>"
                + "<th>flag</th></tr>");
        for (Disparity d : g.disparities()) {
            b.append(d.flagged() ? "<tr class=\"flag\">" : "<tr>").append("<td>").append(esc(d.subgroup() + " vs " + d.reference()))
                    .append("</td><td>").append(esc(d.metric().key())).append("</td><td>").append(est(d.gap())).append("</td><td>")
                    .append(est(d.ratio())).append("</td><td>").append(esc(Markup.p(d.pValue()))).append("</td><td>")
                    .append(esc(Markup.p(d.pHolm()))).append("</td><td>").append(d.flagged() ? "FLAG" : "").append("</td></tr>");
        }
        b.append("</table>");
    }

    private void comparisonRow(SubgroupComparison s) {
        var a = s.auc();
        var t = s.mcNemar();
        b.append("<tr><td>").append(esc(s.grouping())).append("</td><td>").append(esc(s.subgroup())).append("</td><td>").append(a.n())
                .append("</td><td>").append(a.positives()).append("</td><td>").append(Markup.num(a.aucA())).append("</td><td>")
                .append(Markup.num(a.aucB())).append("</td><td>").append(Markup.num(a.difference())).append("</td><td>[")
                .append(Markup.num(a.ciLower())).append(", ").append(Markup.num(a.ciUpper())).append("]</td><td>").append(esc(Markup.p(a.pValue())))
                .append("</td><td>").append(t.onlyACorrect()).append(" / ").append(t.onlyBCorrect()).append("</td><td>")
                .append(esc(Markup.p(t.pValue()))).append("</td><td>").append(Markup.num(s.kappa())).append("</td><td class=\"warn\">")
                .append(esc(a.warning() == null ? "" : a.warning())).append("</td></tr>");
    }

    private void gapTable(String label, FairnessAudit ga, FairnessAudit gb) {
        b.append("<h3>Subgroup AUC gaps, each model against its reference</h3><table><tr><th>grouping</th><th>subgroup</th><th>AUC A</th>"
                + "<th>gap A [CI]</th><th>AUC B</th><th>gap B [CI]</th><th>flag A</th><th>flag B</th></tr>");
        LabelAudit la = ga.label(label);
        LabelAudit lb = gb.label(label);
        for (GroupingResult g : la.groupings()) {
            GroupingResult h = lb.grouping(g.grouping().name());
            for (SubgroupResult s : g.subgroups()) {
                SubgroupResult sb = h.subgroups().stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
                Disparity da = AuditDocument.aucDisparity(g, s.name());
                Disparity db = AuditDocument.aucDisparity(h, s.name());
                boolean flag = (da != null && da.flagged()) || (db != null && db.flagged());
                b.append(flag ? "<tr class=\"flag\">" : "<tr>").append("<td>").append(esc(g.grouping().name())).append("</td><td>").append(esc(s.name()))
                        .append(s.name().equals(g.reference()) ? " (ref)" : "").append("</td><td>").append(est(s.metric(Metric.AUC))).append("</td><td>")
                        .append(da == null ? "–" : est(da.gap())).append("</td><td>").append(sb == null ? "–" : est(sb.metric(Metric.AUC)))
                        .append("</td><td>").append(db == null ? "–" : est(db.gap())).append("</td><td>").append(da != null && da.flagged() ? "FLAG" : "")
                        .append("</td><td>").append(db != null && db.flagged() ? "FLAG" : "").append("</td></tr>");
            }
        }
        b.append("</table>");
    }

    private void row(String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private void p(String heading, String text) {
        b.append("<p><b>").append(esc(heading)).append(".</b> ").append(esc(text)).append("</p>");
    }

    /** "0.812 [0.774, 0.851]" with the warning as a tooltip; escaped. */
    private static String est(Estimate e) {
        String text = Markup.num(e.value()) + (Double.isNaN(e.ciLower()) ? "" : " [" + Markup.num(e.ciLower()) + ", " + Markup.num(e.ciUpper()) + "]");
        if (e.warning() != null) {
            return "<span class=\"warn\" title=\"" + esc(e.warning()) + "\">" + esc(text) + (e.isDefined() ? " ⚠" : "") + "</span>";
        }
        return esc(text);
    }

    private static String esc(String s) {
        return Markup.escape(s);
    }
}
