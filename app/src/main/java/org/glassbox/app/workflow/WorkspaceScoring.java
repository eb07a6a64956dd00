package org.glassbox.app.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.inference.batch.BatchInference;
import org.glassbox.inference.batch.BatchItem;
import org.glassbox.inference.batch.BatchListener;
import org.glassbox.inference.batch.BatchOptions;
import org.glassbox.inference.batch.BatchReport;
import org.glassbox.inference.batch.CatalogPredictionStore;
import org.glassbox.inference.batch.ItemOutcome;
import org.glassbox.inference.batch.PredictionStore;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.preprocess.DicomPreprocessor;
import org.glassbox.inference.preprocess.PreprocessingSpecs;

/**
 * Scores every catalogued instance of a workspace with one model through the batch runner and the
 * catalog cache (what {@code glassbox infer --model M workspace} does, and the workstation's
 * background scoring): outputs already stored for this model and file content are not recomputed,
 * so a rerun is all cache hits; a cancelled run keeps the whole batches it stored.
 */
public final class WorkspaceScoring {
    /** Images per model call. */
    public static final int DEFAULT_BATCH = 8;

    private WorkspaceScoring() {
    }

    /** A catalogued instance as a cacheable batch item (named by its SOP Instance UID). */
    public static BatchItem item(CataloguedInstance ci) {
        return new BatchItem(ci.sopInstanceUid(), ci.file(), ci.sopInstanceUid(), ci.contentSha256());
    }

    /** The batch runner for {@code model}, with its own preprocessing and the given cache. */
    public static BatchInference runner(LoadedModel model, ModelManifest manifest, PredictionStore store, int batch) {
        DicomPreprocessor pre = new DicomPreprocessor(Dicom.reader(), PreprocessingSpecs.of(manifest), manifest.inputShape());
        return new BatchInference(model, pre, store, BatchOptions.defaults(batch), manifest.embeddingLayer());
    }

    /**
     * Catalogued instances with no stored output of model {@code sha256} for their current content
     * (0: scoring would be all cache hits, so the model need not even be loaded). Cheap: catalog reads only.
     */
    public static int missing(Workspace workspace, String sha256) {
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            List<CataloguedInstance> all = catalog.instances().all();
            Map<String, Prediction> stored = catalog.predictions().find(sha256, all.stream().map(CataloguedInstance::sopInstanceUid).toList());
            int missing = 0;
            for (CataloguedInstance ci : all) {
                Prediction p = stored.get(ci.sopInstanceUid());
                if (p == null || !p.contentSha256().equals(ci.contentSha256())) {
                    missing++;
                }
            }
            return missing;
        }
    }

    /**
     * Scores the workspace with {@code session}'s model and audits the INFERENCE (model hash and the
     * instances scored; counts of computed, cached and failed). Call off the FX thread, on the one
     * thread that uses the model.
     *
     * @param progress told "scored k/n" with the fraction done after each batch
     */
    public static BatchReport score(Workspace workspace, ModelSession session, CancelToken cancel, ProgressListener progress) {
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            List<BatchItem> items = catalog.instances().all().stream().map(WorkspaceScoring::item).toList();
            BatchListener listener = p -> progress.update(p.total() == 0 ? 1 : (double) p.done() / p.total(),
                    session.displayName() + ": scored " + p.done() + "/" + p.total() + (p.cached() > 0 ? " (" + p.cached() + " cached)" : ""));
            BatchReport report = runner(session.model(), session.manifest(), new CatalogPredictionStore(catalog), DEFAULT_BATCH)
                    .run(items, cancel, listener);
            List<String> objects = new ArrayList<>();
            objects.add(AuditObjects.model(session.sha256()));
            report.outcomes().stream().filter(o -> o.status() != ItemOutcome.Status.NOT_RUN)
                    .map(o -> o.item().sopInstanceUid()).distinct().forEach(uid -> objects.add(AuditObjects.sop(uid)));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("modelId", session.registered().id());
            params.put("modelVersion", session.registered().version());
            params.put("images", items.size());
            params.put("batch", DEFAULT_BATCH);
            params.put("workspaceInput", true);
            params.put("computed", report.count(ItemOutcome.Status.COMPUTED));
            params.put("cached", report.count(ItemOutcome.Status.CACHED));
            params.put("failed", report.count(ItemOutcome.Status.FAILED));
            params.put("cancelled", report.cancelled());
            params.put("workstation", true);
            AuditLog.record(workspace, AuditAction.INFERENCE, objects, params);
            return report;
        }
    }
}
