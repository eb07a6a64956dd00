package org.glassbox.app.cli;

import org.glassbox.app.workflow.ModelResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.glassbox.core.ai.Classifier;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.dicom.MapContent;
import org.glassbox.core.dicom.ParametricMapWriter;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explainer;
import org.glassbox.explain.Explainers;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.cache.CacheKey;
import org.glassbox.explain.cache.ExplanationCache;
import org.glassbox.explain.quality.Fill;
import org.glassbox.explain.quality.GroundTruthMetrics;
import org.glassbox.explain.quality.PerturbationCurves;
import org.glassbox.explain.quality.QualityEvaluator;
import org.glassbox.explain.quality.QualityFigures;
import org.glassbox.explain.quality.RegionMask;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;
import org.glassbox.inference.preprocess.DicomPreprocessor;
import org.glassbox.inference.preprocess.PreprocessingSpecs;
import org.glassbox.core.imaging.PlanarImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code glassbox explain --model M --method METHOD [--target K|LABEL] INPUT --out MAP.npy [--json]}:
 * one explanation map for one image, with its faithfulness figures (deletion and insertion AUC
 * always; pointing game, energy pointing and IoU at top-k % when a ground-truth mask is given or
 * found next to a generated cohort's DICOM file), cached in the workspace and optionally exported as
 * a DICOM Parametric Map.
 */
@Command(name = "explain", description = {
    "Explain one model output on one image: writes the map (float32 .npy at the model's input resolution; the feature-resolution map next to it as *_feature.npy).",
    "METHOD: gradcam, gradcam++, hirescam, ig, eg, kernelshap, partitionshap, occlusion.",
    "INPUT is a DICOM file or a preprocessed .npy tensor (C x H x W or 1 x C x H x W float32)."})
public final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Package folder, .zip, bare .onnx, or registered id[:version].")
    String model;

    @Option(names = "--method", required = true, paramLabel = "METHOD", description = "gradcam|gradcam++|hirescam|ig|eg|kernelshap|partitionshap|occlusion")
    String method;

    @Option(names = "--target", paramLabel = "K|LABEL", description = "Output to explain: index or label (default: the highest-scoring output).")
    String target;

    @Option(names = "--layer", paramLabel = "L", description = "Target layer for CAM methods (default: the package's explain layer); for ONNX, a node output name.")
    String layer;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Images per model call (default 16).")
    int batch;

    @Option(names = "--option", paramLabel = "K=V", description = "Method option, repeatable (e.g. steps=64, baseline=blur, evaluations=500, segments=50).")
    Map<String, String> options = new TreeMap<>();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed for random choices (default 0).")
    long seed;

    @Option(names = "--mask", paramLabel = "MASK.npy", description = "Ground-truth mask (2-D, non-zero inside) at the map's or the source image's size.")
    Path mask;

    @Option(names = "--curve-steps", paramLabel = "N", defaultValue = "50", description = "Steps of the deletion/insertion curves (default 50).")
    int curveSteps;

    @Option(names = "--fill", paramLabel = "blur|mean|zero", defaultValue = "blur", description = "What replaces removed pixels in the curves (default blur).")
    String fill;

    @Option(names = "--dicom-out", paramLabel = "FILE.dcm", description = "Also write the map as a DICOM Parametric Map referencing the source (DICOM input only).")
    Path dicomOut;

    @Option(names = "--no-cache", description = "Neither read nor write the workspace's explanation cache.")
    boolean noCache;

    @Parameters(arity = "1", paramLabel = "INPUT", description = "DICOM file or preprocessed .npy tensor.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "MAP.npy", description = "Where to write the map (float32, H x W).")
    Path out;

    @Option(names = "--json", description = "Print method, parameters, target, score, faithfulness figures, timings and cache use as JSON.")
    boolean json;

    @Mixin
    WorkspaceOption workspace;

    @Mixin
    BareOnnxFlags onnx;

    @Spec
    CommandSpec spec;

    /** The image to explain and what it came from. */
    private record Input(Tensor image, String instanceId, DicomDataset dicom) {
    }

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        ExplanationMethod m = usage(() -> ExplanationMethod.fromCliName(method));
        Fill curveFill = usage(() -> Fill.parse(fill));
        if (batch < 1) {
            throw usageError("--batch must be >= 1, got " + batch);
        }
        if (curveSteps < 1) {
            throw usageError("--curve-steps must be >= 1, got " + curveSteps);
        }
        if (!out.getFileName().toString().endsWith(".npy")) {
            throw usageError("--out must name a .npy file, got '" + out + "'");
        }
        if (!Files.isRegularFile(input)) {
            throw usageError(input + ": no such file");
        }
        if (dicomOut != null && input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw usageError("--dicom-out needs a DICOM INPUT (the map must reference its source image), got " + input);
        }
        Map<String, String> methodOptions = new TreeMap<>(options);
        if (layer != null) {
            methodOptions.put("layer", layer);
        }
        Path wsRoot = workspace.root();
        long t0 = System.nanoTime();
        LoadedModel loaded;
        ModelManifest manifest;
        try (ModelPackage pkg = new ModelResolver().open(model, onnx.options(), wsRoot.resolve("catalog.sqlite"))) {
            manifest = pkg.manifest();
            loaded = Engines.discover().load(pkg);
        }
        long loadNanos = System.nanoTime() - t0;
        try (LoadedModel loadedModel = loaded) {
            return run(loadedModel, manifest, m, curveFill, methodOptions, wsRoot, stdout, start, loadNanos);
        }
    }

    private int run(LoadedModel lm, ModelManifest manifest, ExplanationMethod m, Fill curveFill, Map<String, String> methodOptions, Path wsRoot,
                    PrintWriter stdout, long start, long loadNanos) throws IOException {
        List<String> labels = manifest.labels();
        long t0 = System.nanoTime();
        Input in = readInput(manifest);
        long preprocessNanos = System.nanoTime() - t0;
        if (dicomOut != null && in.dicom() != null) {
            // Refuse a map the Parametric Map cannot place (centre-cropping model) before anything is computed or written.
            try {
                org.glassbox.app.workflow.MapExports.requireWholeFrame(in.dicom(), PreprocessingSpecs.of(manifest), manifest.id(), manifest.version());
            } catch (IllegalArgumentException ex) {
                throw usageError("--dicom-out: " + CliErrors.oneLine(ex));
            }
        }
        Tensor batchOfOne = new Tensor(prepend(in.image().shape()), in.image().data());
        float[] logits = lm.logits(batchOfOne).data();
        float[][] scores = Classifier.scores(new Tensor(new int[] {1, logits.length}, logits.clone()), lm.descriptor().outputKind());
        int k = resolveTarget(labels, scores[0]);
        Explainer explainer = usage(() -> Explainers.create(m, lm, methodOptions));
        ExplainSettings settings = new ExplainSettings(batch, seed, new CancelToken(), ProgressListener.NONE);

        Map<String, String> requested = org.glassbox.app.workflow.CaseExplanations.cacheParameters(m, withFileContentHashes(methodOptions), seed, batch);
        CacheKey key = new CacheKey(lm.descriptor().sha256(), in.instanceId(), m, requested, k);
        ExplanationCache cache = noCache ? null : ExplanationCache.of(Workspace.open(wsRoot));
        Explanation e = cache == null ? null : cache.get(key).orElse(null);
        boolean hit = e != null;
        long explainNanos = 0;
        if (e == null) {
            long t1 = System.nanoTime();
            Explanation computed = usage(() -> explainer.explain(in.image(), k, settings));
            explainNanos = System.nanoTime() - t1;
            e = computed;
            if (cache != null) {
                cache.put(key, e);
            }
        }
        SaliencyMap map = e.imageMap();

        RegionMask truth = null;
        String maskSource = null;
        if (mask != null) {
            truth = readMask(mask, map, in.dicom(), manifest);
            maskSource = mask.toAbsolutePath().toString();
        } else if (in.dicom() != null) {
            java.util.Optional<Path> candidate = org.glassbox.app.workflow.TruthMasks.findGenerated(input, in.instanceId(), labels.get(k));
            if (candidate.isPresent()) {
                truth = readMask(candidate.get(), map, in.dicom(), manifest);
                maskSource = candidate.get().toAbsolutePath().toString();
            }
        }
        QualityEvaluator.Options qo = new QualityEvaluator.Options(new PerturbationCurves.Options(curveSteps, curveFill, 0),
                GroundTruthMetrics.DEFAULT_POINTING_TOLERANCE_PX, List.of(5.0, 10.0, 20.0));
        long t2 = System.nanoTime();
        QualityFigures q = new QualityEvaluator(lm, qo).evaluate(in.image(), k, map, truth, settings);
        long qualityNanos = System.nanoTime() - t2;

        NpyIO.write(NpyArray.ofFloat32(map.values(), map.height(), map.width()), out);
        Path featureOut = null;
        if (e.featureMap() != null) {
            String name = out.getFileName().toString();
            featureOut = out.resolveSibling(name.substring(0, name.length() - 4) + "_feature.npy");
            NpyIO.write(NpyArray.ofFloat32(e.featureMap().values(), e.featureMap().height(), e.featureMap().width()), featureOut);
        }
        if (dicomOut != null) {
            writeDicom(in, m, e, manifest, labels.get(k));
        }
        auditTrail(wsRoot, lm.descriptor().sha256(), in, m, labels.get(k), requested, hit);
        long total = System.nanoTime() - start;
        if (json) {
            Json.print(stdout, document(lm, manifest, e, k, labels, q, maskSource, hit, key, featureOut, loadNanos, preprocessNanos,
                    explainNanos, qualityNanos, total, in));
        } else {
            stdout.printf(Locale.ROOT, "%s for %s (output %d): score %.4f, logit %.4f%s%n", m.cliName(), labels.get(k), k, e.targetScore(),
                    e.targetLogit(), hit ? " (cached)" : "");
            stdout.printf(Locale.ROOT, "deletion AUC %.4f, insertion AUC %.4f%n", q.deletion().auc(), q.insertion().auc());
            if (truth != null) {
                stdout.printf(Locale.ROOT, "pointing %.0f, energy pointing %.4f, IoU top-5/10/20%% %s%n", q.pointing(), q.energyPointing(),
                        q.iouAtTopPercent().values());
            }
            stdout.println("map: " + out.toAbsolutePath());
        }
        return GlassBoxCli.EXIT_OK;
    }

    private Input readInput(ModelManifest manifest) throws IOException {
        List<Integer> chw = manifest.inputShape();
        if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            NpyArray a = NpyIO.read(input);
            int[] s = a.shape();
            boolean ok = a.dtype() == org.glassbox.core.npy.NpyDtype.FLOAT32
                    && ((s.length == 3 && s[0] == chw.get(0) && s[1] == chw.get(1) && s[2] == chw.get(2))
                    || (s.length == 4 && s[0] == 1 && s[1] == chw.get(0) && s[2] == chw.get(1) && s[3] == chw.get(2)));
            if (!ok) {
                throw usageError(input + ": " + a.dtype().descr() + " " + java.util.Arrays.toString(s) + ", the model takes one "
                        + chw.get(0) + " x " + chw.get(1) + " x " + chw.get(2) + " float32 image");
            }
            byte[] content = Files.readAllBytes(input);
            return new Input(new Tensor(new int[] {chw.get(0), chw.get(1), chw.get(2)}, a.toFloatArray()), "npy-sha256-" + sha256(content),
                    null);
        }
        DicomDataset header;
        try {
            header = Dicom.reader().openHeader(input).dataset();
        } catch (DicomReadException ex) {
            throw new IOException(CliErrors.oneLine(ex), ex);
        }
        PlanarImage image;
        try {
            image = new DicomPreprocessor(Dicom.reader(), PreprocessingSpecs.of(manifest), chw).prepare(input);
        } catch (DicomPreprocessor.PreprocessException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
        String sop = header.string(DicomTags.SOPInstanceUID);
        if (sop == null) {
            throw new IOException(input + ": no SOP Instance UID");
        }
        return new Input(new Tensor(new int[] {image.channels(), image.height(), image.width()}, image.data()), sop, header);
    }

    /** A mask at the map's size, or at the source image's size (see {@link org.glassbox.app.workflow.TruthMasks#onMapGrid}). */
    private RegionMask readMask(Path file, SaliencyMap map, DicomDataset dicom, ModelManifest manifest) throws IOException {
        int rows = dicom == null ? -1 : dicom.integer(DicomTags.Rows, -1);
        int columns = dicom == null ? -1 : dicom.integer(DicomTags.Columns, -1);
        try {
            return org.glassbox.app.workflow.TruthMasks.onMapGrid(file, map.height(), map.width(), rows, columns, PreprocessingSpecs.of(manifest));
        } catch (IllegalArgumentException ex) {
            throw usageError(CliErrors.oneLine(ex));
        }
    }

    private void writeDicom(Input in, ExplanationMethod m, Explanation e, ModelManifest manifest, String label) throws IOException {
        if (in.dicom() == null) {
            throw usageError("--dicom-out needs a DICOM INPUT (the map must reference its source image)");
        }
        try {
            org.glassbox.app.workflow.MapExports.writeParametricMap(in.dicom(), e, PreprocessingSpecs.of(manifest), manifest.id(), manifest.version(),
                    label, dicomOut);
        } catch (IllegalArgumentException ex) {
            throw usageError("--dicom-out: " + CliErrors.oneLine(ex));
        }
    }

    private int resolveTarget(List<String> labels, float[] scores) {
        if (target == null) {
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            return best;
        }
        int byLabel = labels.indexOf(target.trim());
        if (byLabel >= 0) {
            return byLabel;
        }
        try {
            int k = Integer.parseInt(target.trim());
            if (k < 0 || k >= labels.size()) {
                throw usageError("target " + k + " is out of range: the model has " + labels.size() + " outputs (0.." + (labels.size() - 1) + ")");
            }
            return k;
        } catch (NumberFormatException ex) {
            throw usageError("unknown target '" + target + "'; labels: " + String.join(", ", labels));
        }
    }

    private Map<String, Object> document(LoadedModel lm, ModelManifest manifest, Explanation e, int k, List<String> labels, QualityFigures q,
                                         String maskSource, boolean hit, CacheKey key, Path featureOut, long loadNanos, long preprocessNanos,
                                         long explainNanos, long qualityNanos, long totalNanos, Input in) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", e.method().cliName());
        doc.put("parameters", e.parameters());
        Map<String, Object> modelDoc = new LinkedHashMap<>();
        modelDoc.put("id", manifest.id());
        modelDoc.put("version", manifest.version());
        modelDoc.put("sha256", lm.descriptor().sha256());
        doc.put("model", modelDoc);
        doc.put("input", input.toAbsolutePath().toString());
        doc.put("instance", in.instanceId());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("index", k);
        t.put("label", labels.get(k));
        doc.put("target", t);
        doc.put("targetScore", e.targetScore());
        doc.put("targetLogit", e.targetLogit());
        Map<String, Object> maps = new LinkedHashMap<>();
        maps.put("image", out.toAbsolutePath().toString());
        maps.put("imageShape", List.of(e.imageMap().height(), e.imageMap().width()));
        if (featureOut != null) {
            maps.put("feature", featureOut.toAbsolutePath().toString());
            maps.put("featureShape", List.of(e.featureMap().height(), e.featureMap().width()));
        }
        if (dicomOut != null) {
            maps.put("dicom", dicomOut.toAbsolutePath().toString());
        }
        doc.put("maps", maps);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("deletionAuc", q.deletion().auc());
        f.put("insertionAuc", q.insertion().auc());
        f.put("curveSteps", curveSteps);
        f.put("fill", fill.toLowerCase(Locale.ROOT));
        f.put("deletionCurve", q.deletion().scores());
        f.put("insertionCurve", q.insertion().scores());
        if (maskSource != null) {
            f.put("mask", maskSource);
            f.put("pointing", q.pointing());
            f.put("pointingTolerancePx", GroundTruthMetrics.DEFAULT_POINTING_TOLERANCE_PX);
            f.put("energyPointing", Double.isNaN(q.energyPointing()) ? null : q.energyPointing());
            Map<String, Object> iou = new LinkedHashMap<>();
            q.iouAtTopPercent().forEach((p, v) -> iou.put(QualityFigures.formatPercent(p), v));
            f.put("iouAtTopPercent", iou);
        }
        doc.put("faithfulness", f);
        Map<String, Object> cacheDoc = new LinkedHashMap<>();
        cacheDoc.put("used", !noCache);
        cacheDoc.put("hit", hit);
        cacheDoc.put("key", key.digest());
        doc.put("cache", cacheDoc);
        doc.put("modelEvaluations", hit ? 0 : e.modelEvaluations());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("load", loadNanos / 1e6);
        timings.put("preprocess", preprocessNanos / 1e6);
        timings.put("explain", explainNanos / 1e6);
        timings.put("perEvaluation", hit || e.modelEvaluations() == 0 ? null : explainNanos / 1e6 / e.modelEvaluations());
        timings.put("faithfulness", qualityNanos / 1e6);
        timings.put("faithfulnessPerEvaluation", qualityNanos / 1e6 / q.modelEvaluations());
        timings.put("total", totalNanos / 1e6);
        doc.put("timingsMs", timings);
        return doc;
    }

    /** Runs a step whose IllegalArgumentException is the user's mistake (exit 2, one line). */
    private <T> T usage(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException ex) {
            throw usageError(CliErrors.oneLine(ex));
        }
    }

    private CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static int[] prepend(int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = 1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** Options whose value names a file (a baseline, mean or reference image). */
    private static final java.util.Set<String> FILE_OPTIONS = java.util.Set.of("mean-image", "baseline-image", "reference");

    /**
     * The options as the cache key and the audit log see them: a file-valued option by the SHA-256
     * of the file's content, never its path — a changed file must not hit a stale cache entry, and a
     * path (which may carry a patient's name) must never enter the append-only audit log.
     */
    private Map<String, String> withFileContentHashes(Map<String, String> options) throws IOException {
        Map<String, String> out = new TreeMap<>(options);
        for (String name : FILE_OPTIONS) {
            String value = out.get(name);
            if (value != null) {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file)) {
                    throw usageError("--option " + name + ": no such file " + value);
                }
                out.put(name, "sha256:" + sha256(Files.readAllBytes(file)));
            }
        }
        return out;
    }

    /** One EXPLANATION entry (and an EXPORT entry for a DICOM export) in the workspace's audit log, when there is one. */
    private void auditTrail(Path wsRoot, String modelSha, Input in, ExplanationMethod m, String label, Map<String, String> requested,
                            boolean cached) throws IOException {
        List<String> objects = new java.util.ArrayList<>();
        objects.add(org.glassbox.core.audit.AuditObjects.model(modelSha));
        if (in.dicom() != null) {
            objects.add(org.glassbox.core.audit.AuditObjects.sop(in.instanceId()));
        }
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("method", m.cliName());
        parameters.put("target", label);
        parameters.put("options", new TreeMap<>(requested));
        parameters.put("cached", cached);
        if (in.dicom() == null) {
            parameters.put("input", in.instanceId()); // a preprocessed .npy: its content hash, never its path
        }
        Audits.recordIfWorkspace(wsRoot, org.glassbox.core.audit.AuditAction.EXPLANATION, objects, parameters);
        if (dicomOut != null) {
            Audits.recordIfWorkspace(wsRoot, org.glassbox.core.audit.AuditAction.EXPORT,
                    List.of(org.glassbox.core.audit.AuditObjects.exportFile(sha256(Files.readAllBytes(dicomOut))), objects.get(objects.size() - 1)),
                    Map.of("kind", "parametric-map", "method", m.cliName()));
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
