package org.glassbox.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.app.fairness.AuditDocument;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.fairness.HtmlReport;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.app.workflow.CohortComparisonRun;
import org.glassbox.explain.compare.LabelComparison;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.compare.SubgroupComparison;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.GroupingResult;
import org.glassbox.explain.fairness.LabelAudit;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code glassbox compare --model A --model B | --scores-a CSV --scores-b CSV [--by …] [--json]
 * [--html FILE]}: two model versions on the same cases — per label and subgroup ΔAUC with the paired
 * DeLong test, McNemar at each model's threshold, Cohen's kappa, the flipped cases — and each
 * model's subgroup AUC gaps (an audit of each on the paired cases), so a smaller gap shows.
 */
@Command(name = "compare", description = {
    "Compare two models on the same cases: paired DeLong test of the AUC difference, McNemar, Cohen's kappa, flipped decisions,",
    "and each model's subgroup gaps. Give --model twice (cached scores in the workspace) or --scores-a and --scores-b."})
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "M", description = "Model A, then model B (package path or registered id[:version]).")
    List<String> models;

    @Option(names = "--scores-a", paramLabel = "CSV", description = "Model A's predictions made elsewhere (id, score_<label>, …).")
    Path scoresA;

    @Option(names = "--scores-b", paramLabel = "CSV", description = "Model B's predictions made elsewhere.")
    Path scoresB;

    @Mixin
    AuditOptions options;

    @Mixin
    WorkspaceOption workspace;

    @Mixin
    BareOnnxFlags onnx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean byModel = models != null && !models.isEmpty();
        boolean byCsv = scoresA != null || scoresB != null;
        if (byModel == byCsv) {
            throw options.usage("give --model A --model B, or --scores-a CSV --scores-b CSV");
        }
        if (byModel && models.size() != 2) {
            throw options.usage("--model must be given exactly twice (A, then B), got " + models.size());
        }
        if (byCsv && (scoresA == null || scoresB == null)) {
            throw options.usage("give both --scores-a and --scores-b");
        }
        AgeBands bands = options.ageBands();
        FairnessSettings settings = options.settings();
        Map<String, String> named = new LinkedHashMap<>();
        LoadedCohort a;
        LoadedCohort b;
        try {
            if (byModel) {
                Path root = workspace.root();
                CohortSources.ResolvedModel ma = CohortSources.resolve(models.get(0), onnx.options(), root);
                CohortSources.ResolvedModel mb = CohortSources.resolve(models.get(1), onnx.options(), root);
                if (ma.sha256().equals(mb.sha256())) {
                    throw options.usage("--model " + models.get(0) + " and --model " + models.get(1) + " are the same package (sha256 " + ma.sha256() + ")");
                }
                named.put(ma.name(), ma.sha256());
                named.put(mb.name(), mb.sha256());
                a = CohortSources.fromModel(ma, models.get(0), root, options, bands);
                b = CohortSources.fromModel(mb, models.get(1), root, options, bands);
            } else {
                a = CohortSources.fromCsv(scoresA, options);
                b = CohortSources.secondFromCsv(scoresB, options);
            }
        } catch (CohortInputException e) {
            spec.commandLine().getErr().println("glassbox compare: " + e.getMessage());
            return GlassBoxCli.EXIT_FAILED;
        }
        CohortComparisonRun run = new CohortComparisonRun();
        ModelComparison c;
        try {
            c = run.compare(a, b, settings);
        } catch (CohortInputException e) {
            spec.commandLine().getErr().println("glassbox compare: " + e.getMessage());
            return GlassBoxCli.EXIT_FAILED;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("glassbox compare: " + e.getMessage() + "; choose the other labels with --label");
            return GlassBoxCli.EXIT_FAILED;
        }
        Audits.recordIfWorkspace(workspace.root(), org.glassbox.core.audit.AuditAction.COMPARISON, Audits.modelObjects(named),
                org.glassbox.app.workflow.AuditParameters.fairness(settings, a.cohort().size(), byModel ? "catalog" : "scores-csv"));
        // Each model audited on the paired cases only, so the two gap columns describe the same people.
        CohortComparisonRun.PairedAudits gaps = run.pairedAudits(a, b, c, settings);
        FairnessAudit gapsA = gaps.a();
        FairnessAudit gapsB = gaps.b();
        AgeBands shownBands = byModel ? bands : null;
        if (options.html != null) {
            HtmlReport.write(options.html, HtmlReport.compare(c, a, b, named, gapsA, gapsB, shownBands));
        }
        if (options.json) {
            Json.print(out, AuditDocument.compare(c, a, b, named, gapsA, gapsB, shownBands));
        } else {
            printSummary(out, c, gapsA, gapsB);
            if (options.html != null) {
                out.println("HTML report: " + options.html.toAbsolutePath());
            }
        }
        return GlassBoxCli.EXIT_OK;
    }

    private static void printSummary(PrintWriter out, ModelComparison c, FairnessAudit ga, FairnessAudit gb) {
        out.println("Paired cases: " + c.paired() + " (only A: " + c.onlyInA() + ", only B: " + c.onlyInB() + ")");
        for (LabelComparison l : c.labels()) {
            out.println();
            out.printf(Locale.ROOT, "%s (thresholds A %.4f, B %.4f; %d flipped decisions)%n", l.label(), l.thresholdA(), l.thresholdB(), l.flips().size());
            out.printf(Locale.ROOT, "  %-28s %6s  %-7s %-7s %-26s %-8s %-8s %-6s%n", "subgroup", "n", "AUC A", "AUC B", "dAUC [95% CI]", "p", "McNemar", "kappa");
            row(out, l.overall());
            l.subgroups().forEach(s -> row(out, s));
            LabelAudit la = ga.label(l.label());
            LabelAudit lb = gb.label(l.label());
            for (GroupingResult g : la.groupings()) {
                GroupingResult h = lb.grouping(g.grouping().name());
                for (SubgroupResult s : g.subgroups()) {
                    Disparity da = g.disparities().stream().filter(d -> d.metric() == Metric.AUC && d.subgroup().equals(s.name())).findFirst().orElse(null);
                    Disparity db = h.disparities().stream().filter(d -> d.metric() == Metric.AUC && d.subgroup().equals(s.name())).findFirst().orElse(null);
                    if (da == null && db == null) {
                        continue;
                    }
                    out.printf(Locale.ROOT, "  AUC gap %s=%s vs reference: A %s%s, B %s%s%n", g.grouping().name(), s.name(),
                            da == null ? "n/a" : AuditCommand.est(da.gap()), da != null && da.flagged() ? " FLAG" : "",
                            db == null ? "n/a" : AuditCommand.est(db.gap()), db != null && db.flagged() ? " FLAG" : "");
                }
            }
        }
    }

    private static void row(PrintWriter out, SubgroupComparison s) {
        String name = s.grouping().equals("all") ? "all" : s.grouping() + "=" + s.subgroup();
        var a = s.auc();
        out.printf(Locale.ROOT, "  %-28s %6d  %-7s %-7s %-26s %-8s %-8s %-6s%n", name.length() > 28 ? name.substring(0, 27) + "…" : name, a.n(),
                f(a.aucA()), f(a.aucB()), Double.isNaN(a.difference()) ? "n/a" : String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", a.difference(), a.ciLower(), a.ciUpper()),
                p(a.pValue()), p(s.mcNemar().pValue()), f(s.kappa()));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "n/a" : v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
    }
}
