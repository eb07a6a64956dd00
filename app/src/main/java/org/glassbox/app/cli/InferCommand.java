package org.glassbox.app.cli;

import org.glassbox.app.workflow.ModelResolver;
import org.glassbox.app.workflow.WorkspaceScoring;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.glassbox.core.ai.Tensor;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.CataloguedInstance;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyDtype;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.inference.batch.BatchInference;
import org.glassbox.inference.batch.BatchItem;
import org.glassbox.inference.batch.BatchListener;
import org.glassbox.inference.batch.BatchReport;
import org.glassbox.core.task.CancelToken;
import org.glassbox.inference.batch.CatalogPredictionStore;
import org.glassbox.inference.batch.ExecutionInfo;
import org.glassbox.inference.batch.ItemOutcome;
import org.glassbox.inference.batch.ModelOutputs;
import org.glassbox.inference.batch.PredictionStore;
import org.glassbox.inference.batch.ProcessMemory;
import org.glassbox.inference.engine.Engines;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code glassbox infer --model M INPUT... [--out FILE.npy] [--json] [--batch B] [--workspace DIR]}:
 * scores DICOM files and folders, preprocessed .npy tensors (N × C × H × W float32) or the whole
 * workspace ({@code workspace}) with one model. Workspace instances go through the batch runner with
 * the catalog cache (a rerun is all cache hits); a file that cannot be read fails alone (exit 1).
 */
@Command(name = "infer", description = {
    "Score images with a model: prints one row of scores per image.",
    "M is a package folder, .zip, bare .onnx file, or a registered model id[:version].",
    "INPUT is a DICOM file or folder, a preprocessed .npy tensor (N x C x H x W float32), or 'workspace' (every catalogued instance; results are cached in the catalog)."})
public final class InferCommand implements Callable<Integer> {
    static final String WORKSPACE = "workspace";

    @Option(names = "--model", required = true, paramLabel = "M", description = "Package folder, .zip, bare .onnx, or registered id[:version].")
    String model;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "DICOM files/folders, .npy tensors, or 'workspace'.")
    List<String> inputs;

    @Option(names = "--out", paramLabel = "FILE.npy", description = "Write the raw outputs (rows x outputs, float32) as .npy.")
    Path out;

    @Option(names = "--json", description = "Print scores, backend, device, threads, timings and preprocessing as JSON.")
    boolean json;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8", description = "Images per model call (default 8).")
    int batch;

    @Mixin
    WorkspaceOption workspace;

    @Mixin
    BareOnnxFlags onnx;

    @Spec
    CommandSpec spec;

    /** One printed row: an input's outputs, or why it has none. */
    private record Row(String input, String sopInstanceUid, String source, float[] logits, float[] scores, String error) {
    }

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        if (out != null && !out.getFileName().toString().endsWith(".npy")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must name a .npy file, got '" + out + "'");
        }
        Path wsRoot = workspace.root();
        LoadedModel loaded;
        ModelManifest manifest;
        JsonNode manifestTree;
        boolean synthesised;
        String sha;
        long t0 = System.nanoTime();
        try (ModelPackage pkg = new ModelResolver().open(model, onnx.options(), wsRoot.resolve("catalog.sqlite"))) {
            manifest = pkg.manifest();
            manifestTree = ModelsCommand.manifestTree(pkg);
            synthesised = pkg.synthesised();
            sha = pkg.identity();
            loaded = Engines.discover().load(pkg);
        }
        long loadNanos = System.nanoTime() - t0;
        try (LoadedModel m = loaded) {
            return run(m, manifest, manifestTree, synthesised, sha, wsRoot, stdout, err, start, loadNanos);
        }
    }

    private int run(LoadedModel m, ModelManifest manifest, JsonNode manifestTree, boolean synthesised, String sha, Path wsRoot,
                    PrintWriter stdout, PrintWriter err, long start, long loadNanos) throws IOException {
        List<String> labels = manifest.labels();
        List<Integer> chw = manifest.inputShape();
        List<List<Row>> rowsByInput = new ArrayList<>();
        List<BatchItem> dicomItems = new ArrayList<>();
        List<int[]> dicomSlots = new ArrayList<>(); // {input index, row index} per dicom item
        boolean useWorkspace = inputs.contains(WORKSPACE);
        long inferenceNanos = 0;
        long preprocessNanos = 0;

        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            List<Row> rows = new ArrayList<>();
            rowsByInput.add(rows);
            if (input.equals(WORKSPACE)) {
                continue; // filled below, after the workspace is opened
            }
            Path p = Path.of(input);
            if (!Files.exists(p)) {
                rows.add(new Row(input, null, "failed", null, null, input + ": no such file or folder"));
            } else if (Files.isRegularFile(p) && input.toLowerCase(Locale.ROOT).endsWith(".npy")) {
                long t = System.nanoTime();
                rows.addAll(npyRows(m, p, chw, manifest));
                inferenceNanos += System.nanoTime() - t;
            } else {
                for (Path f : dicomFiles(p)) {
                    dicomSlots.add(new int[] {i, rows.size()});
                    rows.add(null);
                    dicomItems.add(BatchItem.file(f));
                }
            }
        }

        Map<String, Object> cacheCounts = new LinkedHashMap<>();
        Catalog catalog = null;
        try {
            if (useWorkspace) {
                Workspace ws = Workspace.open(wsRoot);
                catalog = Catalog.open(ws.catalogFile());
                int wsIndex = inputs.indexOf(WORKSPACE);
                for (CataloguedInstance ci : catalog.instances().all()) {
                    dicomSlots.add(new int[] {wsIndex, rowsByInput.get(wsIndex).size()});
                    rowsByInput.get(wsIndex).add(null);
                    dicomItems.add(WorkspaceScoring.item(ci));
                }
            }
            if (!dicomItems.isEmpty()) {
                PredictionStore store = catalog == null ? PredictionStore.NONE : new CatalogPredictionStore(catalog);
                BatchInference runner = WorkspaceScoring.runner(m, manifest, store, batch);
                ProgressBar bar = System.console() != null ? new ProgressBar(err, "infer") : null;
                BatchListener listener = bar == null ? BatchListener.NONE
                        : p -> bar.update(p.done(), p.total(), p.etaNanos() < 0 ? "" : "ETA " + duration(p.etaNanos()));
                BatchReport report = runner.run(dicomItems, new CancelToken(), listener);
                inferenceNanos += report.inferenceNanos();
                preprocessNanos += report.preprocessCpuNanos();
                for (int k = 0; k < dicomItems.size(); k++) {
                    ItemOutcome o = report.outcomes().get(k);
                    int[] slot = dicomSlots.get(k);
                    String source = o.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
                    rowsByInput.get(slot[0]).set(slot[1], new Row(o.item().name(), o.item().sopInstanceUid(), source, o.logits(), o.scores(),
                            o.status() == ItemOutcome.Status.NOT_RUN ? o.item().name() + ": not run" : o.error()));
                }
                cacheCounts.put("computed", report.count(ItemOutcome.Status.COMPUTED));
                cacheCounts.put("cached", report.count(ItemOutcome.Status.CACHED));
                cacheCounts.put("failed", report.count(ItemOutcome.Status.FAILED));
                cacheCounts.put("peakPreparedImages", report.peakPrepared());
            }
        } finally {
            if (catalog != null) {
                catalog.close();
            }
        }

        List<Row> rows = rowsByInput.stream().flatMap(List::stream).toList();
        int failed = 0;
        List<float[]> outputs = new ArrayList<>();
        for (Row r : rows) {
            if (r.logits() == null) {
                failed++;
                err.println("glassbox infer: " + r.error());
            } else {
                outputs.add(r.logits());
            }
        }
        if (out != null && !outputs.isEmpty()) {
            float[] flat = new float[outputs.size() * labels.size()];
            for (int i = 0; i < outputs.size(); i++) {
                System.arraycopy(outputs.get(i), 0, flat, i * labels.size(), labels.size());
            }
            NpyIO.write(NpyArray.ofFloat32(flat, outputs.size(), labels.size()), out);
        }
        List<String> audited = new ArrayList<>();
        audited.add(AuditObjects.model(sha));
        rows.stream().map(Row::sopInstanceUid).filter(java.util.Objects::nonNull).distinct().forEach(uid -> audited.add(AuditObjects.sop(uid)));
        Audits.recordIfWorkspace(wsRoot, AuditAction.INFERENCE, audited, Map.of("modelId", manifest.id(), "modelVersion", manifest.version(),
                "images", rows.size(), "failed", failed, "batch", batch, "workspaceInput", useWorkspace, "cache", cacheCounts));
        long total = System.nanoTime() - start;
        if (json) {
            Json.print(stdout, document(m, manifest, manifestTree, synthesised, sha, rows, cacheCounts, loadNanos, preprocessNanos,
                    inferenceNanos, total, failed));
        } else {
            printTable(stdout, labels, rows);
        }
        return failed == 0 ? GlassBoxCli.EXIT_OK : GlassBoxCli.EXIT_FAILED;
    }

    /** A preprocessed tensor, checked before anything reaches the engine: float32, N × C × H × W matching the model. */
    private List<Row> npyRows(LoadedModel m, Path file, List<Integer> chw, ModelManifest manifest) {
        List<Row> rows = new ArrayList<>();
        NpyArray a;
        try {
            a = NpyIO.read(file);
        } catch (IOException e) {
            rows.add(new Row(file.toString(), null, "failed", null, null, CliErrors.oneLine(e)));
            return rows;
        }
        int[] s = a.shape();
        String expected = "N x " + chw.get(0) + " x " + chw.get(1) + " x " + chw.get(2) + " float32";
        if (a.dtype() != NpyDtype.FLOAT32) {
            rows.add(new Row(file.toString(), null, "failed", null, null, file + ": dtype " + a.dtype().descr() + ", the model takes " + expected));
            return rows;
        }
        if (s.length != 4 || s[1] != chw.get(0) || s[2] != chw.get(1) || s[3] != chw.get(2) || s[0] < 1) {
            String channels = s.length == 4 && s[1] != chw.get(0) ? " (" + s[1] + " channels, the model takes " + chw.get(0) + ")" : "";
            rows.add(new Row(file.toString(), null, "failed", null, null, file + ": shape " + java.util.Arrays.toString(s) + ", the model takes "
                    + expected + channels));
            return rows;
        }
        float[] all = a.toFloatArray();
        int per = s[1] * s[2] * s[3];
        for (int from = 0; from < s[0]; from += batch) {
            int n = Math.min(batch, s[0] - from);
            float[] part = java.util.Arrays.copyOfRange(all, from * per, (from + n) * per);
            ModelOutputs o = ModelOutputs.of(m, new Tensor(new int[] {n, s[1], s[2], s[3]}, part), null);
            for (int i = 0; i < n; i++) {
                rows.add(new Row(file + "[" + (from + i) + "]", null, "computed", o.logits()[i], o.scores()[i], null));
            }
        }
        return rows;
    }

    /** A file as given, or a folder's files (recursively, sorted) that look like DICOM: a .dcm name or "DICM" at byte 128. */
    static List<Path> dicomFiles(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile).filter(InferCommand::looksLikeDicom).sorted().toList();
        }
    }

    private static boolean looksLikeDicom(Path f) {
        if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dcm")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return true; // let the reader report why it cannot be read
        }
    }

    private static void printTable(PrintWriter out, List<String> labels, List<Row> rows) {
        int nameWidth = 5;
        for (Row r : rows) {
            nameWidth = Math.max(nameWidth, Math.min(60, r.input().length()));
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s", "input"));
        for (String l : labels) {
            head.append("  ").append(String.format(Locale.ROOT, "%10s", l));
        }
        out.println(head.append("  source"));
        for (Row r : rows) {
            String name = r.input().length() > 60 ? "…" + r.input().substring(r.input().length() - 59) : r.input();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s", name));
            for (int k = 0; k < labels.size(); k++) {
                String v = r.scores() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.scores()[k]);
                line.append("  ").append(String.format(Locale.ROOT, "%" + Math.max(10, labels.get(k).length()) + "s", v));
            }
            out.println(line.append("  ").append(r.source()));
        }
    }

    private Map<String, Object> document(LoadedModel m, ModelManifest manifest, JsonNode manifestTree, boolean synthesised, String sha,
                                         List<Row> rows, Map<String, Object> cacheCounts, long loadNanos, long preprocessNanos,
                                         long inferenceNanos, long totalNanos, int failed) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", manifest.id());
        model.put("version", manifest.version());
        model.put("sha256", sha);
        model.put("source", this.model);
        model.put("synthesised", synthesised);
        model.put("labels", manifest.labels());
        model.put("inputShape", manifest.inputShape());
        model.put("output", manifestTree.path("output"));
        model.put("embeddingLayer", manifest.embeddingLayer());
        doc.put("model", model);
        doc.put("preprocessing", manifestTree.path("preprocessing"));
        ExecutionInfo env = ExecutionInfo.current();
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("summary", m.executionSummary());
        exec.put("backend", env.backend());
        exec.put("device", env.device());
        exec.put("threads", env.threads());
        exec.put("availableProcessors", env.availableProcessors());
        exec.put("batchSize", batch);
        doc.put("execution", exec);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rows", rows.size());
        counts.put("scored", rows.size() - failed);
        counts.put("failed", failed);
        counts.putAll(cacheCounts);
        counts.putIfAbsent("computed", rows.stream().filter(r -> r.source().equals("computed")).count());
        counts.putIfAbsent("cached", 0);
        doc.put("counts", counts);
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("load", loadNanos / 1e6);
        timings.put("preprocess", preprocessNanos / 1e6);
        timings.put("inference", inferenceNanos / 1e6);
        timings.put("total", totalNanos / 1e6);
        doc.put("timingsMs", timings);
        doc.put("peakRssBytes", ProcessMemory.peakRssBytes());
        List<Map<String, Object>> results = new ArrayList<>();
        int outRow = 0;
        for (Row r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("input", r.input());
            if (r.sopInstanceUid() != null) {
                e.put("sopInstanceUid", r.sopInstanceUid());
            }
            e.put("source", r.source());
            if (r.scores() != null) {
                Map<String, Object> scores = new LinkedHashMap<>();
                for (int k = 0; k < manifest.labels().size(); k++) {
                    scores.put(manifest.labels().get(k), r.scores()[k]);
                }
                e.put("scores", scores);
                e.put("logits", r.logits());
                if (out != null) {
                    e.put("outRow", outRow);
                }
                outRow++;
            } else {
                e.put("error", r.error());
            }
            results.add(e);
        }
        doc.put("results", results);
        if (out != null) {
            doc.put("out", out.toAbsolutePath().toString());
        }
        return doc;
    }

    private static String duration(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
