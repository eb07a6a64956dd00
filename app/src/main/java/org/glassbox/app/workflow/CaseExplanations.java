package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.imaging.PlanarImage;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.cache.CacheKey;
import org.glassbox.explain.cache.ExplanationCache;
import org.glassbox.explain.quality.Fill;
import org.glassbox.explain.quality.GroundTruthMetrics;
import org.glassbox.explain.quality.PerturbationCurves;
import org.glassbox.explain.quality.QualityEvaluator;
import org.glassbox.explain.quality.QualityFigures;
import org.glassbox.explain.quality.RegionMask;
import org.glassbox.inference.preprocess.DicomPreprocessor;

/**
 * Explanations of catalogued cases for the workstation: what the model saw and scored, a map for one
 * output (from the workspace's explanation cache when it has it), and the map's faithfulness. Each
 * computed or re-shown map is recorded in the audit log, as the CLI's {@code explain} does.
 * Model work: call off the FX thread, one call at a time per model.
 */
public final class CaseExplanations {
    private final Path workspaceRoot;
    private final ExplanationCache cache;

    public CaseExplanations(Path workspaceRoot) throws IOException {
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        this.cache = ExplanationCache.of(Workspace.open(workspaceRoot));
    }

    /**
     * What to explain.
     *
     * @param method  the method
     * @param target  output index (0 ≤ target &lt; labels)
     * @param options method options (e.g. steps=32, evaluations=500); file-valued options are not
     *                offered in the workstation
     * @param seed    seed for random choices
     * @param batch   images per model call (≥ 1)
     */
    public record Request(ExplanationMethod method, int target, Map<String, String> options, long seed, int batch) {
        public Request {
            Objects.requireNonNull(method, "method");
            options = Map.copyOf(options);
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            }
        }

        /** Default options, seed 0, batch 16. */
        public static Request of(ExplanationMethod method, int target) {
            return new Request(method, target, Map.of(), 0, 16);
        }
    }

    /**
     * The model's view of one image: its preprocessed input and its outputs.
     *
     * @param input  C × H × W float32, exactly what the model was given ("what the model saw")
     * @param logits raw outputs, in label order
     * @param scores outputs through the model's sigmoid/softmax/identity, in label order
     */
    public record ModelView(Tensor input, float[] logits, float[] scores) {
        /** The output with the highest score. */
        public int topOutput() {
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** A map and whether it came from the cache. */
    public record Result(Explanation explanation, boolean cached, CacheKey key) {
    }

    /** Preprocesses the file exactly as the model's package says and runs the model once. */
    public ModelView look(ModelSession session, Path dicomFile) throws IOException {
        PlanarImage image;
        try {
            image = session.preprocessor().prepare(dicomFile);
        } catch (DicomPreprocessor.PreprocessException e) {
            throw new IOException(e.getMessage(), e);
        }
        Tensor input = new Tensor(new int[] {image.channels(), image.height(), image.width()}, image.data());
        float[] logits = session.model().logits(new Tensor(new int[] {1, image.channels(), image.height(), image.width()}, image.data())).data();
        float[][] scores = Classifier.scores(new Tensor(new int[] {1, logits.length}, logits.clone()), session.model().descriptor().outputKind());
        return new ModelView(input, logits, scores[0]);
    }

    /**
     * The map for {@code request}: from the cache when present, else computed and cached. Audited
     * as an EXPLANATION of the instance by the model.
     *
     * @throws IllegalArgumentException for an option or target the method refuses
     */
    public Result explain(ModelSession session, String sopInstanceUid, ModelView view, Request request, CancelToken cancel,
                          ProgressListener progress) throws IOException {
        if (request.target() < 0 || request.target() >= session.labels().size()) {
            throw new IllegalArgumentException("target " + request.target() + " is out of range: the model has " + session.labels().size() + " outputs");
        }
        CacheKey key = new CacheKey(session.sha256(), sopInstanceUid, request.method(),
                cacheParameters(request.method(), request.options(), request.seed(), request.batch()), request.target());
        Explanation e = cache.get(key).orElse(null);
        boolean cached = e != null;
        if (e == null) {
            Explainer explainer = Explainers.create(request.method(), session.model(), new TreeMap<>(request.options()));
            e = explainer.explain(view.input(), request.target(), new ExplainSettings(request.batch(), request.seed(), cancel, progress));
            cache.put(key, e);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("method", request.method().cliName());
        parameters.put("target", session.labels().get(request.target()));
        parameters.put("options", new TreeMap<>(key.parameters()));
        parameters.put("cached", cached);
        parameters.put("client", "workstation");
        AuditLog.record(Workspace.open(workspaceRoot), AuditAction.EXPLANATION,
                List.of(AuditObjects.model(session.sha256()), AuditObjects.sop(sopInstanceUid)), parameters);
        return new Result(e, cached, key);
    }

    /**
     * The map's faithfulness: deletion and insertion AUC always; pointing game, energy pointing and
     * IoU at top-5/10/20 % when a ground-truth mask is given.
     *
     * @param truth      the mask on the map's grid, or null
     * @param curveSteps steps of the deletion/insertion curves (≥ 1)
     */
    public QualityFigures faithfulness(ModelSession session, ModelView view, Explanation e, RegionMask truth, int curveSteps, CancelToken cancel,
                                       ProgressListener progress) {
        QualityEvaluator.Options options = new QualityEvaluator.Options(new PerturbationCurves.Options(curveSteps, Fill.BLUR, 0),
                GroundTruthMetrics.DEFAULT_POINTING_TOLERANCE_PX, List.of(5.0, 10.0, 20.0));
        return new QualityEvaluator(session.model(), options).evaluate(view.input(), e.target(), e.imageMap(), truth,
                new ExplainSettings(16, 0, cancel, progress));
    }

    /**
     * The parameters an explanation is cached under: the options (file-valued ones already by content
     * hash), the seed, and for Partition SHAP the batch size (under a tight budget the groups it
     * expands depend on it).
     */
    public static Map<String, String> cacheParameters(ExplanationMethod method, Map<String, String> options, long seed, int batch) {
        Map<String, String> requested = new TreeMap<>(options);
        requested.put("seed", Long.toString(seed));
        if (method == ExplanationMethod.PARTITION_SHAP) {
            requested.put("batch", Integer.toString(batch));
        }
        return requested;
    }

    /** The methods offered in the workstation, in menu order. */
    public static List<ExplanationMethod> methods() {
        return new ArrayList<>(List.of(ExplanationMethod.values()));
    }
}
