package org.glassbox.inference.train;

import org.glassbox.core.io.FileTrees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.synth.TruthRow;
import org.glassbox.inference.dl4j.Dl4jEngine;
import org.glassbox.inference.engine.LoadedModel;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelPackageLayout;
import org.glassbox.inference.pkg.ModelPackageWriter;
import org.glassbox.inference.preprocess.DicomGreyscalePreprocessor;

/**
 * {@code ./glassbox train}: generates the variant's training cohort, trains, evaluates the written
 * weights through the DL4J engine on two held-out generated cohorts, and writes a model package
 * in the schema of {@code docs/model-package.md} with {@link ModelPackageWriter}: {@code model.json}
 * ({@link DemoManifest}), {@code weights.zip} (DL4J ComputationGraph), {@code MODEL_CARD.md}
 * ({@link DemoPackageText}) and {@code SHA256SUMS}. The package folder appears at once (the writer
 * builds it in a hidden sibling, then renames it); temporary cohorts are deleted.
 */
public final class DemoModelBuilder {
    public static final String WEIGHTS = "weights.zip";
    public static final String MANIFEST = ModelPackageLayout.MANIFEST;
    public static final String CARD = "MODEL_CARD.md";
    public static final String SUMS = ModelPackageLayout.SUMS;

    private final DicomReader reader;
    private final DicomWriter writer;
    private final int threads;

    public DemoModelBuilder(DicomReader reader, DicomWriter writer, int threads) {
        this.reader = reader;
        this.writer = writer;
        this.threads = Math.max(1, threads);
    }

    /**
     * What a run produced.
     *
     * @param identity the package identity (SHA-256 of its SHA256SUMS)
     */
    public record Result(Path out, String identity, ModelManifest manifest, int trainingStudies, Map<String, Integer> trainingPositives,
                         List<Evaluation> evaluations, Map<String, Double> floors, double trainSeconds, double totalSeconds,
                         long packageBytes) {
    }

    public Result build(DemoRecipe recipe, Path out, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !(Files.isDirectory(target) && FileTrees.isEmptyDirectory(target))) {
            throw new IOException(target + ": exists and is not an empty folder");
        }
        Path work = Files.createTempDirectory("glassbox-train-");
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
            Path weights = work.resolve(WEIGHTS);
            ModelSerializer.writeModel(net, weights.toFile(), false);

            List<TrainingRecord.HeldOut> heldOut = new ArrayList<>();
            // Evaluated straight from the weights file: the package (whose model.json holds these metrics) does not exist yet.
            try (LoadedModel model = new Dl4jEngine().load(weights, descriptor(recipe, sha256(weights)), recipe.network().targetLayer())) {
                for (boolean shortcut : new boolean[] {false, true}) {
                    long seed = recipe.evaluationSeed(shortcut);
                    String name = DemoRecipe.evaluationCohortName(shortcut);
                    log.accept("evaluating on " + recipe.evalStudies() + " held-out studies (" + name + ", seed " + seed + ")");
                    CohortSummary ev = gen.generate(DemoRecipe.evaluationCohort(shortcut), work.resolve("eval-" + shortcut),
                            recipe.evalStudies(), seed, recipe.size());
                    CohortImages images = CohortImages.load(ev.out(), ev.rows(), pre, threads);
                    heldOut.add(new TrainingRecord.HeldOut(shortcut, Evaluation.of(name, seed, images, model, 64),
                            CohortComposition.ofRows(ev.rows())));
                }
            }
            TrainingRecord record = new TrainingRecord(recipe, train.studies(), CohortComposition.ofRows(rows), heldOut);
            DemoPackageText text = new DemoPackageText(record);
            ModelManifest manifest = DemoManifest.of(record);
            String identity = ModelPackageWriter.forManifest(manifest).weights(weights)
                    .file(CARD, text.card().getBytes(StandardCharsets.UTF_8)).writeFolder(target);
            long bytes = 0;
            try (Stream<Path> s = Files.list(target)) {
                for (Path p : s.toList()) {
                    bytes += Files.size(p);
                }
            }
            return new Result(target, identity, manifest, rows.size(), record.trained().positives(), record.evaluations(), text.floors(),
                    trainSeconds, (System.nanoTime() - t0) / 1e9, bytes);
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    /** The descriptor the package's manifest declares. */
    public static ModelDescriptor descriptor(DemoRecipe recipe, String sha256) {
        return new ModelDescriptor(DemoManifest.id(recipe), DemoManifest.VERSION, sha256,
                List.of(1, recipe.size(), recipe.size()), DemoRecipe.LABELS, ModelDescriptor.OutputKind.SIGMOID);
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



    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
