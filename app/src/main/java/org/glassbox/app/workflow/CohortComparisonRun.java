package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.app.fairness.CatalogCohortLoader;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.fairness.Cohorts;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.compare.LabelComparison;
import org.glassbox.explain.compare.ModelComparer;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessAuditor;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.ThresholdRule;

/**
 * Two models compared on the same cases — the work behind {@code glassbox compare} and the
 * workstation's cohort comparison: load each model's cached scores from the workspace catalog,
 * compare them ({@link ModelComparer}: paired DeLong, McNemar, kappa, flips) and, where subgroups
 * are asked for, audit each model on the paired cases so their subgroup gaps describe the same
 * people. No JavaFX; call off the FX thread.
 */
public final class CohortComparisonRun {

    /**
     * Each model audited on the paired cases only (truth from A's cohort), with the comparison's labels.
     *
     * @param a model A's audit
     * @param b model B's audit
     */
    public record PairedAudits(FairnessAudit a, FairnessAudit b) {
    }

    /**
     * A comparison of two registered models on the workspace.
     *
     * @param comparison the statistics and flips
     * @param a          model A's cohort as loaded (source, exclusions)
     * @param b          model B's cohort as loaded
     */
    public record Outcome(ModelComparison comparison, LoadedCohort a, LoadedCohort b) {
    }

    /**
     * A model's cached scores in the workspace as a cohort (truth and attributes from the catalog).
     *
     * @param sha256   model package identity
     * @param name     how the user named the model, for messages (e.g. "demo-v1:1.0.0")
     * @param truth    a truth CSV to join, or null
     * @param labels   labels to keep (empty: all)
     * @throws CohortInputException no workspace, no images, or no scores from this model (naming the
     *                              command that computes them)
     */
    public static LoadedCohort fromCatalog(Path workspaceRoot, String sha256, String name, Path truth, List<String> labels, AgeBands bands)
            throws IOException, CohortInputException {
        if (!Files.exists(workspaceRoot.resolve("catalog.sqlite"))) {
            throw new CohortInputException("no workspace at " + workspaceRoot + " (no catalog.sqlite); give --workspace DIR or use --scores CSV");
        }
        return new CatalogCohortLoader(Workspace.open(workspaceRoot)).load(sha256, name, truth, labels, bands);
    }

    /**
     * Checks that both cohorts have the settings' grouping attributes, then compares them.
     *
     * @throws CohortInputException      a grouping attribute missing from a cohort
     * @throws IllegalArgumentException  from {@link ModelComparer#compare} (no shared case or label,
     *                                   conflicting truth), with its one-line reason
     */
    public ModelComparison compare(LoadedCohort a, LoadedCohort b, FairnessSettings settings) throws CohortInputException {
        Cohorts.checkGroupings(a, settings.groupings());
        Cohorts.checkGroupings(b, settings.groupings());
        return new ModelComparer().compare(a.cohort(), b.cohort(), settings);
    }

    /** Each model audited on the cases both scored, with the comparison's labels and {@code settings}' groupings. */
    public PairedAudits pairedAudits(LoadedCohort a, LoadedCohort b, ModelComparison c, FairnessSettings settings) {
        Set<String> paired = new HashSet<>(a.cohort().caseIds());
        paired.retainAll(new HashSet<>(b.cohort().caseIds()));
        FairnessSettings auditSettings = settings.withLabels(c.labels().stream().map(LabelComparison::label).toList());
        FairnessAuditor auditor = new FairnessAuditor();
        AuditCohort pa = Cohorts.subset(a.cohort(), paired);
        AuditCohort pb = Cohorts.withTruthFrom(Cohorts.subset(b.cohort(), paired), pa);
        return new PairedAudits(auditor.audit(pa, auditSettings), auditor.audit(pb, auditSettings));
    }

    /**
     * The workstation's road: two registered models' cached scores on one label (or all shared
     * labels), compared at {@code threshold} (applied to each model's own scores) without subgroups,
     * and recorded in the audit log as a COMPARISON, as the CLI records it.
     *
     * @param label a label both models score, or null for every shared label
     * @throws CohortInputException     a model without scores in the workspace, and the like
     * @throws IllegalArgumentException no shared case or label, conflicting truth
     */
    public Outcome compareRegistered(Path workspaceRoot, RegisteredModel modelA, RegisteredModel modelB, String label, ThresholdRule threshold)
            throws IOException, CohortInputException {
        if (modelA.sha256().equals(modelB.sha256())) {
            throw new CohortInputException("model A and model B are the same package (" + nameOf(modelA) + "); choose two different models");
        }
        List<String> labels = label == null ? List.of() : List.of(label);
        LoadedCohort a = fromCatalog(workspaceRoot, modelA.sha256(), nameOf(modelA), null, labels, AgeBands.DEFAULT);
        LoadedCohort b = fromCatalog(workspaceRoot, modelB.sha256(), nameOf(modelB), null, labels, AgeBands.DEFAULT);
        FairnessSettings settings = FairnessSettings.defaults(List.<Grouping>of()).withThreshold(threshold).withLabels(labels);
        ModelComparison c = compare(a, b, settings);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("source", "catalog");
        parameters.put("cases", c.paired());
        parameters.put("labels", String.join(",", c.settings().labels()));
        parameters.put("threshold", threshold.describe());
        parameters.put("client", "workstation");
        AuditLog.record(Workspace.open(workspaceRoot), AuditAction.COMPARISON,
                List.of(AuditObjects.model(modelA.sha256()), AuditObjects.model(modelB.sha256())), parameters);
        return new Outcome(c, a, b);
    }

    /** "id:version", as the CLI names a registered model. */
    public static String nameOf(RegisteredModel m) {
        return m.id() + ":" + m.version();
    }
}
