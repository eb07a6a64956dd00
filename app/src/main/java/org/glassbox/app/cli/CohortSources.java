package org.glassbox.app.cli;

import org.glassbox.app.workflow.CohortComparisonRun;
import org.glassbox.app.workflow.ModelResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.fairness.CsvCohortLoader;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.inference.pkg.BareOnnxOptions;
import org.glassbox.inference.pkg.ModelPackage;

/** Where {@code audit} and {@code compare} get a cohort: a model's cached scores in the workspace, or a scores CSV. */
final class CohortSources {
    /** A model as the user named it and its package identity. */
    record ResolvedModel(String name, String sha256) {
    }

    private CohortSources() {
    }

    /** Resolves M like {@code infer} does (package path or registered id[:version]) and returns its identity. */
    static ResolvedModel resolve(String m, BareOnnxOptions onnx, Path workspaceRoot) throws IOException {
        try (ModelPackage pkg = new ModelResolver().open(m, onnx, workspaceRoot.resolve("catalog.sqlite"))) {
            return new ResolvedModel(pkg.manifest().id() + ":" + pkg.manifest().version(), pkg.identity());
        }
    }

    static LoadedCohort fromModel(ResolvedModel model, String asGiven, Path workspaceRoot, AuditOptions o, AgeBands bands)
            throws IOException, CohortInputException {
        return CohortComparisonRun.fromCatalog(workspaceRoot, model.sha256(), asGiven, o.truth, o.labels, bands);
    }

    static LoadedCohort fromCsv(Path scores, AuditOptions o) throws IOException, CohortInputException {
        return new CsvCohortLoader().load(scores, o.truth, o.labels);
    }

    /** Model B's scores for a comparison: truth may come from model A's file, so rows without it are kept. */
    static LoadedCohort secondFromCsv(Path scores, AuditOptions o) throws IOException, CohortInputException {
        return new CsvCohortLoader().load(scores, o.truth, o.labels, false);
    }

    static List<String> names(List<ResolvedModel> models) {
        return models.stream().map(ResolvedModel::name).toList();
    }
}
