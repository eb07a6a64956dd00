package org.glassbox.inference.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.glassbox.core.ai.ModelDescriptor;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.dicom.DicomWriter;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.synth.TruthRow;
import org.glassbox.inference.dl4j.Dl4jEngine;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.preprocess.DicomGreyscalePreprocessor;

/**
 * {@code ./glassbox train}: generates the variant's training cohort, trains, evaluates the written
 * weights through the DL4J engine on two held-out generated cohorts, and writes a model package:
 * {@code model.json}, {@code weights.zip} (DL4J ComputationGraph), {@code MODEL_CARD.md} and
 * {@code SHA256SUMS} (lines {@code <hex>  <file>}). The package folder appears at once (built in a
 * hidden sibling, then renamed); temporary cohorts are deleted.
 */
public final class DemoModelBuilder {
    public static final String WEIGHTS = "weights.zip";
    public static final String MANIFEST = "model.json";
    public static final String CARD = "MODEL_CARD.md";
    public static final String SUMS = "SHA256SUMS";

    private final DicomReader reader;
    private final DicomWriter writer;
    private final int threads;

    public DemoModelBuilder(DicomReader reader, DicomWriter writer, int threads) {
        this.reader = reader;
        this.writer = writer;
        this.threads = Math.max(1, threads);
    }

    /** What a run produced. */
    public record Result(Path out, int trainingStudies, Map<String, Integer> trainingPositives, List<Evaluation> evaluations,
                         Map<String, Double> floors, double trainSeconds, double totalSeconds, long packageBytes) {
    }

    public Result build(DemoRecipe recipe, Path out, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !(Files.isDirectory(target) && isEmpty(target))) {
            throw new IOException(target + ": exists and is not an empty folder");
        }
        Files.createDirectories(target.getParent());
        Path work = Files.createTempDirectory("glassbox-train-");
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            // Temp folders are created owner-only; a package is meant to be shared like any folder.
            Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        try {
            DicomGreyscalePreprocessor pre = new DicomGreyscalePreprocessor(reader, recipe.size());
            CohortGenerator gen = new CohortGenerator(writer, threads);
            log.accept("generating " + recipe.studies() + " training studies (" + recipe.variant().label() + ", seed " + recipe.seed() + ")");
            CohortSummary train = gen.generate(recipe.trainingCohort(), work.resolve("train"), recipe.studies(), recipe.seed(), recipe.size());
            boolean[] keep = recipe.keep(train.rows());
            List<TruthRow> rows = new ArrayList<>();
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    rows.add(train.rows().get(i));
                }
            }
            CohortImages trainImages = CohortImages.load(train.out(), rows, pre, threads);
            log.accept("training on " + rows.size() + " images");
            long t1 = System.nanoTime();
            ComputationGraph net = DemoTrainer.train(recipe, trainImages, log);
            double trainSeconds = (System.nanoTime() - t1) / 1e9;
            Path weights = staging.resolve(WEIGHTS);
            ModelSerializer.writeModel(net, weights.toFile(), false);
            String sha = sha256(weights);

            List<Evaluation> evaluations = new ArrayList<>();
            ModelDescriptor descriptor = descriptor(recipe, sha);
            try (LoadedModel model = new Dl4jEngine().load(weights, descriptor, recipe.network().targetLayer())) {
                for (boolean shortcut : new boolean[] {false, true}) {
                    long seed = recipe.evaluationSeed(shortcut);
                    String name = shortcut ? "balanced, shortcut marker at " + DemoRecipe.SHORTCUT_SITE : "balanced, no shortcut";
                    log.accept("evaluating on " + recipe.evalStudies() + " held-out studies (" + name + ", seed " + seed + ")");
                    CohortSummary ev = gen.generate(DemoRecipe.evaluationCohort(shortcut), work.resolve("eval-" + shortcut),
                            recipe.evalStudies(), seed, recipe.size());
                    CohortImages images = CohortImages.load(ev.out(), ev.rows(), pre, threads);
                    evaluations.add(Evaluation.of(name, seed, images, model, 64));
                }
            }
            Map<String, Double> floors = floors(evaluations.get(0));
            Map<String, Integer> positives = new LinkedHashMap<>();
            for (String l : DemoRecipe.LABELS) {
                positives.put(l, (int) rows.stream().filter(r -> r.findings().stream().anyMatch(f -> f.label().equals(l))).count());
            }
            Map<String, Object> trainingData = trainingData(recipe, train, rows, positives);
            DemoPackageText text = new DemoPackageText(recipe, descriptor, trainingData, evaluations, floors, trainSeconds);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(staging.resolve(MANIFEST), json.writeValueAsString(text.manifest()) + "\n", StandardCharsets.UTF_8);
            Files.writeString(staging.resolve(CARD), text.card(), StandardCharsets.UTF_8);
            StringBuilder sums = new StringBuilder();
            for (String f : List.of(CARD, MANIFEST, WEIGHTS)) {
                sums.append(sha256(staging.resolve(f))).append("  ").append(f).append('\n');
            }
            Files.writeString(staging.resolve(SUMS), sums.toString(), StandardCharsets.UTF_8);
            long bytes = 0;
            try (Stream<Path> s = Files.list(staging)) {
                for (Path p : s.toList()) {
                    bytes += Files.size(p);
                }
            }
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, rows.size(), positives, evaluations, floors, trainSeconds, (System.nanoTime() - t0) / 1e9, bytes);
        } finally {
            deleteTree(work);
            deleteTree(staging);
        }
    }

    /** The descriptor the package's manifest declares. */
    public static ModelDescriptor descriptor(DemoRecipe recipe, String sha256) {
        return new ModelDescriptor("glassbox-demo-cxr-" + recipe.variant().label(), "1.0.0", sha256,
                List.of(1, recipe.size(), recipe.size()), DemoRecipe.LABELS, ModelDescriptor.OutputKind.SIGMOID);
    }

    /**
     * Acceptance floors stated in the card and checked by the shipped-package test: for each label
     * whose AUC on the balanced, shortcut-free cohort is at least 0.70, that AUC minus 0.10, rounded
     * down to 0.05 (room for a small re-check cohort's sampling error).
     */
    static Map<String, Double> floors(Evaluation balanced) {
        Map<String, Double> floors = new LinkedHashMap<>();
        balanced.aucByLabel().forEach((label, auc) -> {
            if (auc >= 0.70) {
                floors.put(label, Math.floor((auc - 0.10) * 20) / 20);
            }
        });
        return floors;
    }

    private static Map<String, Object> trainingData(DemoRecipe recipe, CohortSummary train, List<TruthRow> kept, Map<String, Integer> positives) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "synthetic cohort from org.glassbox.core.synth.CohortGenerator (no real patients)");
        m.put("description", recipe.cohortDescription());
        m.put("generatedStudies", train.studies());
        m.put("keptStudies", kept.size());
        m.put("seed", recipe.seed());
        m.put("prevalenceSetting", DemoRecipe.PREVALENCE);
        m.put("positives", positives);
        Map<String, Integer> sites = new java.util.TreeMap<>();
        kept.forEach(r -> sites.merge(r.site(), 1, Integer::sum));
        m.put("studiesBySite", sites);
        Map<String, String> posBySex = new java.util.TreeMap<>();
        for (String sex : List.of("F", "M")) {
            long n = kept.stream().filter(r -> r.sex().equals(sex)).count();
            long p = kept.stream().filter(r -> r.sex().equals(sex) && !r.findings().isEmpty()).count();
            posBySex.put(sex, p + " of " + n + " with a finding");
        }
        m.put("findingsBySex", posBySex);
        m.put("shortcutMarkers", kept.stream().filter(TruthRow::shortcut).count());
        return m;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) > 0) {
                    md.update(buf, 0, r);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
