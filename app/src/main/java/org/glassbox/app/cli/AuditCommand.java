package org.glassbox.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.app.fairness.AuditDocument;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.fairness.Cohorts;
import org.glassbox.app.fairness.HtmlReport;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessAuditor;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.GroupingResult;
import org.glassbox.explain.fairness.LabelAudit;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code glassbox audit (--model M | --scores CSV) [--by sex,age_band,site] [--truth CSV] [--label L]
 * [--threshold T|youden|sens:S] [--boot N] [--seed S] [--min-positives N] [--age-bands EDGES]
 * [--json] [--html FILE] [--workspace DIR]}: the subgroup fairness audit. Not to be confused with
 * {@code audit-log}. Exit 0 with the report (flags are findings, not failures); 1 when the cohort
 * cannot be built (one line naming file, row and column); 2 on a usage error.
 */
@Command(name = "audit", description = {
    "Fairness audit: per label and subgroup n, prevalence, AUC (DeLong and bootstrap CIs), threshold metrics, calibration;",
    "disparities against a reference subgroup with flags; cohort representation.",
    "Scores from the workspace catalog (--model M, after 'glassbox infer --model M workspace') or from a CSV made elsewhere (--scores)."})
public final class AuditCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--model", paramLabel = "M", description = "Model whose cached scores to audit (package path or registered id[:version]).")
        String model;

        @Option(names = "--scores", paramLabel = "CSV", description = "Predictions made elsewhere: id, score_<label>, [truth_<label>], attribute columns.")
        Path scores;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

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
        AgeBands bands = options.ageBands();
        FairnessSettings settings = options.settings();
        Map<String, String> models = new LinkedHashMap<>();
        LoadedCohort cohort;
        try {
            if (source.model != null) {
                Path root = workspace.root();
                CohortSources.ResolvedModel m = CohortSources.resolve(source.model, onnx.options(), root);
                models.put(m.name(), m.sha256());
                cohort = CohortSources.fromModel(m, source.model, root, options, bands);
            } else {
                cohort = CohortSources.fromCsv(source.scores, options);
            }
            Cohorts.checkGroupings(cohort, settings.groupings());
        } catch (CohortInputException e) {
            spec.commandLine().getErr().println("glassbox audit: " + e.getMessage());
            return GlassBoxCli.EXIT_FAILED;
        }
        FairnessAudit audit;
        try {
            audit = new FairnessAuditor().audit(cohort.cohort(), settings);
        } catch (IllegalArgumentException e) {
            // e.g. a label without positives: no threshold can be chosen for it
            spec.commandLine().getErr().println("glassbox audit: " + e.getMessage() + "; choose the other labels with --label");
            return GlassBoxCli.EXIT_FAILED;
        }
        Audits.recordIfWorkspace(workspace.root(), org.glassbox.core.audit.AuditAction.FAIRNESS_AUDIT, Audits.modelObjects(models),
                org.glassbox.app.workflow.AuditParameters.fairness(settings, audit.cases(), source.model != null ? "catalog" : "scores-csv"));
        AgeBands shownBands = source.model != null ? bands : null;
        if (options.html != null) {
            HtmlReport.write(options.html, HtmlReport.audit(audit, cohort, models, shownBands));
        }
        if (options.json) {
            Json.print(out, AuditDocument.audit(audit, cohort, models, shownBands));
        } else {
            printSummary(out, audit, cohort);
            if (options.html != null) {
                out.println("HTML report: " + options.html.toAbsolutePath());
            }
        }
        return GlassBoxCli.EXIT_OK;
    }

    static void printSummary(PrintWriter out, FairnessAudit audit, LoadedCohort cohort) {
        out.println("Cohort: " + audit.cases() + " cases from " + cohort.source());
        cohort.exclusions().forEach((reason, n) -> out.println("  excluded: " + reason + ": " + n));
        out.println("Threshold rule " + audit.settings().threshold().describe() + ", " + audit.settings().bootstrapResamples()
                + " bootstrap resamples, seed " + audit.settings().seed());
        for (LabelAudit l : audit.labels()) {
            out.println();
            out.printf(Locale.ROOT, "%s (threshold %.4f)%n", l.label(), l.threshold());
            out.printf(Locale.ROOT, "  %-28s %6s %5s  %-22s %-22s %-22s%n", "subgroup", "n", "pos", "AUC [95% CI]", "TPR", "FPR");
            row(out, "all", l.overall());
            for (GroupingResult g : l.groupings()) {
                for (SubgroupResult s : g.subgroups()) {
                    row(out, g.grouping().name() + "=" + s.name() + (s.name().equals(g.reference()) ? " (ref)" : ""), s);
                }
                for (Disparity d : g.flagged()) {
                    out.printf(Locale.ROOT, "  FLAG %s %s vs %s: %s ratio %s, gap %s, Holm p %s%n", g.grouping().name(), d.subgroup(), d.reference(),
                            d.metric().key(), est(d.ratio()), est(d.gap()), d.pHolm() < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", d.pHolm()));
                }
            }
        }
    }

    private static void row(PrintWriter out, String name, SubgroupResult s) {
        out.printf(Locale.ROOT, "  %-28s %6d %5d  %-22s %-22s %-22s%s%n", name.length() > 28 ? name.substring(0, 27) + "…" : name, s.n(), s.positives(),
                est(s.metric(Metric.AUC)), est(s.metric(Metric.TPR)), est(s.metric(Metric.FPR)),
                s.warnings().isEmpty() ? "" : "  ! " + String.join("; ", s.warnings()));
    }

    static String est(Estimate e) {
        if (e == null || !e.isDefined()) {
            return "n/a";
        }
        return Double.isNaN(e.ciLower()) ? String.format(Locale.ROOT, "%.3f", e.value())
                : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.value(), e.ciLower(), e.ciUpper());
    }
}
