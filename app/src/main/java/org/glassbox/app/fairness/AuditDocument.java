package org.glassbox.app.fairness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.explain.compare.DecisionFlip;
import org.glassbox.explain.compare.LabelComparison;
import org.glassbox.explain.compare.McNemarTest;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.compare.PairedAuc;
import org.glassbox.explain.compare.SubgroupComparison;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.GroupingResult;
import org.glassbox.explain.fairness.LabelAudit;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.ReliabilityBin;
import org.glassbox.explain.fairness.RocPoint;
import org.glassbox.explain.fairness.SubgroupResult;

/**
 * The {@code --json} documents of {@code audit} and {@code compare}, as maps and lists that Jackson
 * prints in insertion order (ADR 0014 describes the shape). Every statistic is
 * {@code {"value": v, "ci": [lo, hi], "n": n, "warning": w}}; a NaN is {@code null} and its warning
 * says why (the engine's reason, or "undefined"); {@code ci} is null where there is no interval.
 */
public final class AuditDocument {
    public static final String AUDIT_KIND = "glassbox-fairness-audit";
    public static final String COMPARE_KIND = "glassbox-model-comparison";
    public static final int SCHEMA_VERSION = 1;

    private AuditDocument() {
    }

    /**
     * @param models model name → sha256 (empty for scores made elsewhere)
     * @param ageBands the edges used for {@code age_band}, or null when not derived here
     */
    public static Map<String, Object> audit(FairnessAudit audit, LoadedCohort cohort, Map<String, String> models, AgeBands ageBands) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", AUDIT_KIND);
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("settings", settings(audit.settings(), thresholds(audit), ageBands));
        doc.put("cohort", cohort(cohort, audit.cases(), models));
        doc.put("method", audit.method());
        List<Object> labels = new ArrayList<>();
        List<Object> flags = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (LabelAudit l : audit.labels()) {
            labels.add(label(l, flags, warnings));
        }
        doc.put("labels", labels);
        doc.put("flags", flags);
        doc.put("warnings", warnings);
        return doc;
    }

    /**
     * @param gapsA the audit of model A on the paired cases (for the gap summary), or null
     * @param gapsB the audit of model B likewise, or null
     */
    public static Map<String, Object> compare(ModelComparison c, LoadedCohort a, LoadedCohort b, Map<String, String> models,
                                              FairnessAudit gapsA, FairnessAudit gapsB, AgeBands ageBands) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", COMPARE_KIND);
        doc.put("schemaVersion", SCHEMA_VERSION);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        for (LabelComparison l : c.labels()) {
            thresholds.put(l.label(), Map.of("a", nullable(l.thresholdA()), "b", nullable(l.thresholdB())));
        }
        doc.put("settings", settings(c.settings(), thresholds, ageBands));
        Map<String, Object> cohort = new LinkedHashMap<>();
        cohort.put("paired", c.paired());
        cohort.put("onlyInA", c.onlyInA());
        cohort.put("onlyInB", c.onlyInB());
        cohort.put("a", cohort(a, a.cohort().size(), Map.of()));
        cohort.put("b", cohort(b, b.cohort().size(), Map.of()));
        doc.put("cohort", cohort);
        List<Object> modelList = new ArrayList<>();
        models.forEach((name, sha) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("sha256", sha);
            modelList.add(m);
        });
        doc.put("models", modelList);
        List<Object> labels = new ArrayList<>();
        for (LabelComparison l : c.labels()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", l.label());
            m.put("thresholdA", nullable(l.thresholdA()));
            m.put("thresholdB", nullable(l.thresholdB()));
            m.put("overall", comparison(l.overall()));
            m.put("subgroups", l.subgroups().stream().map(AuditDocument::comparison).toList());
            if (gapsA != null && gapsB != null) {
                m.put("gaps", gaps(l.label(), gapsA, gapsB));
            }
            m.put("flipCount", l.flips().size());
            m.put("flips", l.flips().stream().map(AuditDocument::flip).toList());
            labels.add(m);
        }
        doc.put("labels", labels);
        return doc;
    }

    /** The statistic object; public so other reports (and tests) share one shape. */
    public static Map<String, Object> estimate(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", nullable(e.value()));
        boolean ci = !Double.isNaN(e.ciLower()) || !Double.isNaN(e.ciUpper());
        m.put("ci", ci ? java.util.Arrays.asList(nullable(e.ciLower()), nullable(e.ciUpper())) : null);
        m.put("n", e.n());
        String warning = e.warning();
        if (!e.isDefined() && warning == null) {
            warning = "undefined";
        }
        m.put("warning", warning);
        return m;
    }

    private static Map<String, Object> settings(FairnessSettings s, Map<String, Object> chosen, AgeBands ageBands) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", s.labels());
        m.put("groupings", s.groupings().stream().map(g -> g.name()).toList());
        Map<String, Object> threshold = new LinkedHashMap<>();
        threshold.put("rule", s.threshold().describe());
        threshold.put("chosenOn", "whole cohort");
        threshold.put("thresholds", chosen);
        m.put("threshold", threshold);
        m.put("bootstrapResamples", s.bootstrapResamples());
        m.put("seed", s.seed());
        m.put("confidenceLevel", s.confidenceLevel());
        m.put("ciMethod", "stratified percentile bootstrap (" + s.bootstrapResamples() + " resamples, seed " + s.seed()
                + "); AUC also with the DeLong asymptotic CI");
        m.put("minPositives", s.minPositives());
        m.put("calibrationBins", s.calibrationBins());
        m.put("referenceGroups", s.referenceGroups());
        m.put("ratioBand", List.of(s.ratioLow(), s.ratioHigh()));
        if (ageBands != null) {
            m.put("ageBandEdges", ageBands.edges());
        }
        return m;
    }

    private static Map<String, Object> thresholds(FairnessAudit audit) {
        Map<String, Object> m = new LinkedHashMap<>();
        audit.labels().forEach(l -> m.put(l.label(), nullable(l.threshold())));
        return m;
    }

    private static Map<String, Object> cohort(LoadedCohort c, int cases, Map<String, String> models) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", c.source());
        m.put("cases", cases);
        m.put("modelHashes", c.modelHashes());
        if (!models.isEmpty()) {
            m.put("models", models);
        }
        m.put("exclusions", c.exclusions());
        return m;
    }

    private static Map<String, Object> label(LabelAudit l, List<Object> flags, List<String> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", l.label());
        m.put("threshold", nullable(l.threshold()));
        m.put("excluded", l.excluded());
        m.put("overall", subgroup(l.overall()));
        l.overall().warnings().forEach(w -> warnings.add(l.label() + ", all: " + w));
        List<Object> groupings = new ArrayList<>();
        for (GroupingResult g : l.groupings()) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("grouping", g.grouping().name());
            gm.put("attributes", g.grouping().attributes());
            gm.put("reference", g.reference());
            Map<String, Object> rep = new LinkedHashMap<>();
            rep.put("counts", new java.util.TreeMap<>(g.representation().counts()));
            rep.put("unknown", g.representation().unknown());
            rep.put("gini", nullable(g.representation().gini()));
            rep.put("shannon", nullable(g.representation().shannon()));
            rep.put("shannonEvenness", nullable(g.representation().shannonEvenness()));
            gm.put("representation", rep);
            Map<String, Object> subs = new LinkedHashMap<>();
            for (SubgroupResult s : g.subgroups()) {
                subs.put(s.name(), subgroup(s));
                s.warnings().forEach(w -> warnings.add(l.label() + ", " + g.grouping().name() + " = " + s.name() + ": " + w));
            }
            gm.put("subgroups", subs);
            List<Object> disparities = new ArrayList<>();
            for (Disparity d : g.disparities()) {
                Map<String, Object> dm = disparity(d);
                disparities.add(dm);
                if (d.flagged()) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("label", l.label());
                    f.put("grouping", g.grouping().name());
                    f.putAll(dm);
                    flags.add(f);
                }
            }
            gm.put("disparities", disparities);
            gm.put("equalizedOddsDifference", estimate(g.equalizedOddsDifference()));
            gm.put("demographicParityDifference", estimate(g.demographicParityDifference()));
            groupings.add(gm);
        }
        m.put("groupings", groupings);
        return m;
    }

    private static Map<String, Object> subgroup(SubgroupResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", s.n());
        m.put("positives", s.positives());
        m.put("negatives", s.negatives());
        m.put("prevalence", estimate(s.prevalence()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            Estimate e = s.metric(metric);
            if (e != null) {
                metrics.put(metric.key(), estimate(e));
            }
            if (metric == Metric.AUC && s.aucDeLong() != null) {
                metrics.put("auc_delong", estimate(s.aucDeLong()));
            }
        }
        m.put("metrics", metrics);
        m.put("warnings", s.warnings());
        List<Object> roc = new ArrayList<>();
        for (RocPoint p : s.roc()) {
            roc.add(java.util.Arrays.asList(nullable(p.fpr()), nullable(p.tpr()), nullable(p.threshold())));
        }
        m.put("roc", Map.of("columns", List.of("fpr", "tpr", "threshold"), "points", roc));
        List<Object> rel = new ArrayList<>();
        for (ReliabilityBin b : s.reliability()) {
            rel.add(java.util.Arrays.asList(nullable(b.meanScore()), nullable(b.observedRate()), b.count()));
        }
        m.put("reliability", Map.of("columns", List.of("meanScore", "observedRate", "count"), "bins", rel));
        return m;
    }

    private static Map<String, Object> disparity(Disparity d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subgroup", d.subgroup());
        m.put("reference", d.reference());
        m.put("metric", d.metric().key());
        m.put("gap", estimate(d.gap()));
        m.put("ratio", estimate(d.ratio()));
        m.put("p", nullable(d.pValue()));
        m.put("pHolm", nullable(d.pHolm()));
        m.put("flagged", d.flagged());
        return m;
    }

    private static Map<String, Object> comparison(SubgroupComparison s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grouping", s.grouping());
        m.put("subgroup", s.subgroup());
        PairedAuc a = s.auc();
        Map<String, Object> auc = new LinkedHashMap<>();
        auc.put("aucA", nullable(a.aucA()));
        auc.put("aucB", nullable(a.aucB()));
        auc.put("difference", nullable(a.difference()));
        auc.put("ci", Double.isNaN(a.ciLower()) ? null : java.util.Arrays.asList(nullable(a.ciLower()), nullable(a.ciUpper())));
        auc.put("z", nullable(a.z()));
        auc.put("p", nullable(a.pValue()));
        auc.put("n", a.n());
        auc.put("positives", a.positives());
        auc.put("warning", a.warning() == null && Double.isNaN(a.difference()) ? "undefined" : a.warning());
        m.put("deltaAuc", auc);
        McNemarTest t = s.mcNemar();
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("bothCorrect", t.bothCorrect());
        mc.put("onlyACorrect", t.onlyACorrect());
        mc.put("onlyBCorrect", t.onlyBCorrect());
        mc.put("bothWrong", t.bothWrong());
        mc.put("statistic", nullable(t.statistic()));
        mc.put("p", nullable(t.pValue()));
        mc.put("method", t.method());
        m.put("mcNemar", mc);
        m.put("kappa", nullable(s.kappa()));
        m.put("kappaWarning", Double.isNaN(s.kappa()) ? "both models decide every case the same single way" : null);
        m.put("decisions", s.decisions());
        return m;
    }

    /** Per grouping and subgroup: each model's AUC and its gap to the reference, and whether the AUC gap is flagged. */
    static List<Object> gaps(String label, FairnessAudit a, FairnessAudit b) {
        List<Object> out = new ArrayList<>();
        LabelAudit la = a.label(label);
        LabelAudit lb = b.label(label);
        for (GroupingResult ga : la.groupings()) {
            GroupingResult gb = lb.grouping(ga.grouping().name());
            for (SubgroupResult sa : ga.subgroups()) {
                SubgroupResult sb = gb.subgroups().stream().filter(x -> x.name().equals(sa.name())).findFirst().orElse(null);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("grouping", ga.grouping().name());
                m.put("subgroup", sa.name());
                m.put("referenceA", ga.reference());
                m.put("referenceB", gb.reference());
                m.put("aucA", estimate(sa.metric(Metric.AUC)));
                m.put("aucB", sb == null ? null : estimate(sb.metric(Metric.AUC)));
                Disparity da = aucDisparity(ga, sa.name());
                Disparity db = aucDisparity(gb, sa.name());
                m.put("aucGapA", da == null ? null : estimate(da.gap()));
                m.put("aucGapB", db == null ? null : estimate(db.gap()));
                m.put("flaggedA", da != null && da.flagged());
                m.put("flaggedB", db != null && db.flagged());
                out.add(m);
            }
        }
        return out;
    }

    static Disparity aucDisparity(GroupingResult g, String subgroup) {
        return g.disparities().stream().filter(d -> d.metric() == Metric.AUC && d.subgroup().equals(subgroup)).findFirst().orElse(null);
    }

    private static Map<String, Object> flip(DecisionFlip f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.caseId());
        m.put("scoreA", nullable(f.scoreA()));
        m.put("scoreB", nullable(f.scoreB()));
        m.put("decisionA", f.decisionA());
        m.put("decisionB", f.decisionB());
        m.put("truth", f.truth() < 0 ? null : (int) f.truth());
        m.put("scoreChange", nullable(f.scoreChange()));
        return m;
    }

    /** NaN and infinities as null (JSON has no NaN). */
    static Double nullable(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
