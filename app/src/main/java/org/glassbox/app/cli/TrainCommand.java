package org.glassbox.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.inference.train.DemoModelBuilder;
import org.glassbox.inference.train.DemoRecipe;
import org.glassbox.inference.train.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox train --out PKGDIR --variant v1|v2 [--seed S] [--studies N] [--size PX] [--epochs E] [--json]}:
 * trains a demo model on a generated cohort and writes its package (see {@link DemoModelBuilder}).
 * Exit 0 on success, 1 when training or writing failed (nothing half-written), 2 on a usage error.
 */
@Command(name = "train", description = "Train a demo model (v1: skewed cohort with a shortcut; v2: balanced) and write its package.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "PKGDIR", description = "Package folder to write (must not exist or be empty).")
    Path out;

    @Option(names = "--variant", required = true, paramLabel = "v1|v2", description = "v1: skewed + shortcut; v2: balanced, no shortcut.")
    String variant;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the cohort, weights and batch order (default 1).")
    long seed;

    @Option(names = "--studies", paramLabel = "N", description = "Training studies to generate (default 1200).")
    Integer studies;

    @Option(names = "--size", paramLabel = "PX", description = "Image side, 32..512 (default 96).")
    Integer size;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default 6).")
    Integer epochs;

    @Option(names = "--eval-studies", paramLabel = "N", description = "Studies per held-out evaluation cohort (default 600).")
    Integer evalStudies;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DemoRecipe.Variant v = switch (variant.toLowerCase(Locale.ROOT)) {
            case "v1" -> DemoRecipe.Variant.V1;
            case "v2" -> DemoRecipe.Variant.V2;
            default -> throw usage("--variant must be v1 or v2, got '" + variant + "'");
        };
        DemoRecipe std = DemoRecipe.standard(v, seed);
        DemoRecipe recipe;
        try {
            recipe = new DemoRecipe(v, seed, studies == null ? std.studies() : studies, size == null ? std.size() : size,
                    epochs == null ? std.epochs() : epochs, std.batchSize(), std.learningRate(), std.channels(), std.embedding(),
                    evalStudies == null ? std.evalStudies() : evalStudies);
            recipe.network();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoModelBuilder builder = new DemoModelBuilder(Dicom.reader(), Dicom.writer(), Runtime.getRuntime().availableProcessors());
        DemoModelBuilder.Result r = builder.build(recipe, out, line -> {
            err.println("train: " + line);
            err.flush();
        });
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", r.out().toString());
            doc.put("sha256", r.identity());
            doc.put("variant", v.label());
            doc.put("seed", seed);
            doc.put("trainingStudies", r.trainingStudies());
            doc.put("trainingPositives", r.trainingPositives());
            doc.put("trainSeconds", Math.round(r.trainSeconds() * 10) / 10.0);
            doc.put("totalSeconds", Math.round(r.totalSeconds() * 10) / 10.0);
            doc.put("packageBytes", r.packageBytes());
            doc.put("evaluations", r.evaluations());
            doc.put("acceptanceFloors", r.floors());
            Json.print(o, doc);
        } else {
            o.printf(Locale.ROOT, "trained %s on %d studies in %.0f s; package %s (%d bytes, sha256 %s)%n", v.label(), r.trainingStudies(),
                    r.trainSeconds(), r.out(), r.packageBytes(), r.identity());
            for (Evaluation e : r.evaluations()) {
                o.printf(Locale.ROOT, "  %s: AUC %s; consolidation by site %s, by sex %s%n", e.cohort(), e.aucByLabel(),
                        e.consolidationBySite(), e.consolidationBySex());
            }
            o.flush();
        }
        return GlassBoxCli.EXIT_OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
