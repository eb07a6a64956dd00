package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.app.fairness.CatalogCohortLoader;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.fairness.Cohorts;
import org.glassbox.app.fairness.HtmlReport;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.fairness.FairnessAudit;
import org.glassbox.explain.fairness.FairnessAuditor;
import org.glassbox.explain.fairness.FairnessSettings;

/**
 * The fairness dashboard's work, as the CLI's {@code audit --model M} does it: the model's cached
 * scores from the workspace catalog with the catalog's truth and header attributes
 * ({@link CatalogCohortLoader}, default age bands), the audit ({@link FairnessAuditor}, cancellable),
 * an audit-log entry {@code FAIRNESS_AUDIT}, and the HTML report ({@link HtmlReport}, written
 * atomically, logged as {@code EXPORT}). No JavaFX; call off the FX thread.
 */
public final class FairnessRun {
    /** Age band edges of the dashboard (the CLI's default). */
    public static final AgeBands AGE_BANDS = AgeBands.DEFAULT;

    /** A finished audit with what the dashboard needs beside it. */
    public record Outcome(RegisteredModel model, LoadedCohort cohort, FairnessAudit audit, SubgroupCases cases) {
        public Outcome {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(cohort, "cohort");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(cases, "cases");
        }

        /** "id:version" as the CLI names a registered model. */
        public String modelName() {
            return FairnessRun.name(model);
        }
    }

    /** Where a model's cohort comes from: the catalog in the workstation, a synthetic cohort in tests. */
    @FunctionalInterface
    public interface CohortSource {
        /** @throws CohortInputException one line when the model has no usable cases */
        LoadedCohort load(RegisteredModel model) throws IOException, CohortInputException;
    }

    private final Path workspaceRoot;
    private final CohortSource source;

    /** Cohorts from the workspace's catalog ({@link CatalogCohortLoader}, no truth CSV, all labels, default age bands). */
    public FairnessRun(Path workspaceRoot) {
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        this.source = model -> new CatalogCohortLoader(Workspace.open(workspaceRoot)).load(model.sha256(), name(model), null, List.of(), AGE_BANDS);
    }

    /** Cohorts from {@code source}; audit-log entries still go to the workspace at {@code workspaceRoot}. */
    public FairnessRun(Path workspaceRoot, CohortSource source) {
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        this.source = Objects.requireNonNull(source, "source");
    }

    static String name(RegisteredModel m) {
        return m.id() + ":" + m.version();
    }

    /**
     * The model's scored cases with truth and attributes.
     *
     * @throws CohortInputException one line when the workspace has no images, the model has no
     *                              scores in it, or no scored case has truth
     */
    public LoadedCohort load(RegisteredModel model) throws IOException, CohortInputException {
        return source.load(model);
    }

    /**
     * Audits the cohort and records the audit-log entry the CLI's {@code audit} records.
     *
     * @throws CohortInputException when a grouping names an attribute the cohort lacks or knows for no case,
     *                              or the label cannot be audited (e.g. no positives for a rule-based threshold)
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public Outcome audit(RegisteredModel model, LoadedCohort cohort, FairnessSettings settings, CancelToken cancel, ProgressListener progress)
            throws IOException, CohortInputException {
        Cohorts.checkGroupings(cohort, settings.groupings());
        FairnessAudit audit;
        try {
            audit = new FairnessAuditor().audit(cohort.cohort(), settings, cancel, progress);
        } catch (IllegalArgumentException e) {
            throw new CohortInputException(e.getMessage());
        }
        AuditLog.record(Workspace.open(workspaceRoot), AuditAction.FAIRNESS_AUDIT, List.of(AuditObjects.model(model.sha256())),
                parameters(audit.settings(), audit.cases()));
        return new Outcome(model, cohort, audit, new SubgroupCases(cohort.cohort()));
    }

    /** The parameters that decide the audit's numbers (as the CLI records them, source "catalog", plus where it ran). */
    static Map<String, Object> parameters(FairnessSettings settings, int cases) {
        Map<String, Object> p = AuditParameters.fairness(settings, cases, "catalog");
        p.put("via", "workstation");
        return p;
    }

    /**
     * Writes the HTML report of {@code outcome} to {@code file} atomically (a reader never sees half
     * a report) and records {@code EXPORT} with the file's sha256 — never its path.
     *
     * @return the sha256 of the written file, 64 lower-case hex digits
     */
    public String exportHtml(Outcome outcome, Path file) throws IOException {
        String html = HtmlReport.audit(outcome.audit(), outcome.cohort(), Map.of(outcome.modelName(), outcome.model().sha256()), AGE_BANDS);
        HtmlReport.write(file, html);
        String sha = sha256(html.getBytes(StandardCharsets.UTF_8));
        AuditLog.record(Workspace.open(workspaceRoot), AuditAction.EXPORT,
                List.of(AuditObjects.exportFile(sha), AuditObjects.model(outcome.model().sha256())),
                Map.of("what", "fairness-report", "format", "html", "labels", String.join(",", outcome.audit().settings().labels())));
        return sha;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
