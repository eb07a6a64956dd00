package org.glassbox.inference.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortSampler;
import org.glassbox.inference.pkg.ModelPackageWriter;
import org.glassbox.inference.pkg.Sha256;

/**
 * One-off conversion of the demo packages written before the model-package schema existed
 * (their model.json was an ad-hoc record of the training run, kept as test resources
 * {@code demo-v1.training-record.json} / {@code demo-v2.training-record.json}) into schema
 * packages around the same weights and model-card bytes.
 *
 * <p>The facts come from the recorded run; each is cross-checked before use: the recipe's derived
 * texts (command, architecture, optimiser, cohort description) must equal the recorded ones, and
 * the cohort compositions — recomputed by drawing the same seeded studies with
 * {@link CohortSampler} (no rendering) — must reproduce every recorded count. Only then are the
 * counts the record lacks (positives per site and sex, subgroup sizes of the held-out cohorts)
 * taken from the recomputation. Any disagreement stops the conversion with the field named.
 *
 * <pre>
 * java -cp … org.glassbox.inference.train.LegacyDemoPackages RECORD.json PKGDIR [RECORD.json PKGDIR …]
 * </pre>
 * rewrites each PKGDIR in place (model.json and SHA256SUMS; weights.zip and MODEL_CARD.md keep their bytes).
 */
final class LegacyDemoPackages {
    private static final Pattern FLAG = Pattern.compile("--([a-z-]+) (\\S+)");

    private LegacyDemoPackages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: LegacyDemoPackages RECORD.json PKGDIR [RECORD.json PKGDIR ...]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 2) {
            Path pkg = Path.of(args[i + 1]);
            String identity = convert(read(Files.readAllBytes(Path.of(args[i]))), pkg, pkg);
            System.out.println(pkg + ": converted, identity " + identity);
        }
    }

    /**
     * Writes the schema package for {@code record} at {@code target} around {@code source}'s
     * weights.zip and MODEL_CARD.md (target may be source: both files are read before anything is
     * replaced).
     *
     * @return the package identity
     * @throws IllegalStateException when the weights are not the ones the record describes
     */
    static String convert(Recorded recorded, Path source, Path target) throws IOException {
        byte[] weights = Files.readAllBytes(source.resolve(DemoModelBuilder.WEIGHTS));
        byte[] card = Files.readAllBytes(source.resolve(DemoModelBuilder.CARD));
        String sha = Sha256.hex(weights);
        if (!sha.equals(recorded.weightsSha256())) {
            throw new IllegalStateException(source + ": weights.zip has SHA-256 " + sha + ", the record names " + recorded.weightsSha256());
        }
        return ModelPackageWriter.forManifest(DemoManifest.of(recorded.record())).file(DemoModelBuilder.WEIGHTS, weights)
                .file(DemoModelBuilder.CARD, card).writeFolder(target);
    }

    /**
     * A recorded run.
     *
     * @param record        the facts, in the form the builder produces them
     * @param weightsSha256 SHA-256 of the weights the record describes
     */
    record Recorded(TrainingRecord record, String weightsSha256) {
    }

    /** Reads and cross-checks an ad-hoc model.json. @throws IllegalStateException naming the first field that disagrees */
    static Recorded read(byte[] json) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode j = mapper.readTree(json);
        JsonNode t = j.required("training");
        Map<String, String> flags = new LinkedHashMap<>();
        Matcher m = FLAG.matcher(t.required("command").asText());
        while (m.find()) {
            flags.put(m.group(1), m.group(2));
        }
        DemoRecipe.Variant variant = DemoRecipe.Variant.valueOf(flags.get("variant").toUpperCase(java.util.Locale.ROOT));
        long seed = Long.parseLong(flags.get("seed"));
        DemoRecipe std = DemoRecipe.standard(variant, seed);
        JsonNode cohorts = j.required("evaluation").required("cohorts");
        DemoRecipe recipe = new DemoRecipe(variant, seed, Integer.parseInt(flags.get("studies")), Integer.parseInt(flags.get("size")),
                Integer.parseInt(flags.get("epochs")), std.batchSize(), std.learningRate(), std.channels(), std.embedding(),
                cohorts.get(0).required("studies").asInt());

        same("id", j.required("id").asText(), DemoManifest.id(recipe));
        same("version", j.required("version").asText(), DemoManifest.VERSION);
        same("labels", mapper.convertValue(j.required("labels"), List.class), DemoRecipe.LABELS);
        same("inputShape", mapper.convertValue(j.required("inputShape"), List.class), List.of(1, recipe.size(), recipe.size()));
        same("explainTargetLayer", j.required("explainTargetLayer").asText(), recipe.network().targetLayer());
        same("embeddingLayer", j.required("embeddingLayer").asText(), DemoNetwork.EMBEDDING);
        same("licence", j.required("licence").asText(), DemoManifest.LICENCE);
        same("intendedUse", j.required("intendedUse").asText(), DemoManifest.INTENDED_USE);
        same("training.command", t.required("command").asText(), recipe.command());
        same("training.seed", t.required("seed").asLong(), seed);
        same("training.architecture", t.required("architecture").asText(), recipe.architecture());
        same("training.optimiser", t.required("optimiser").asText(), recipe.optimiser());
        same("training.epochs", t.required("epochs").asInt(), recipe.epochs());
        same("training.batchSize", t.required("batchSize").asInt(), recipe.batchSize());

        JsonNode d = j.required("trainingData");
        same("trainingData.seed", d.required("seed").asLong(), seed);
        same("trainingData.prevalenceSetting", d.required("prevalenceSetting").asDouble(), DemoRecipe.PREVALENCE);
        same("trainingData.description", d.required("description").asText(), recipe.cohortDescription());
        same("trainingData.generatedStudies", d.required("generatedStudies").asInt(), recipe.studies());
        List<CohortComposition.Study> generated = draw(recipe.trainingCohort(), seed, recipe.studies());
        boolean[] keep = recipe.keepStudies(generated);
        List<CohortComposition.Study> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(generated.get(i));
            }
        }
        CohortComposition trained = CohortComposition.of(kept);
        same("trainingData.keptStudies", d.required("keptStudies").asInt(), trained.studies());
        same("trainingData.positives", mapper.convertValue(d.required("positives"), Map.class), trained.positives());
        Map<String, Integer> bySite = new TreeMap<>();
        trained.bySite().forEach((k, g) -> bySite.put(k, g.studies()));
        same("trainingData.studiesBySite", mapper.convertValue(d.required("studiesBySite"), Map.class), bySite);
        Map<String, String> bySex = new TreeMap<>();
        trained.bySex().forEach((k, g) -> bySex.put(k, g.withFinding() + " of " + g.studies() + " with a finding"));
        same("trainingData.findingsBySex", mapper.convertValue(d.required("findingsBySex"), Map.class), bySex);
        same("trainingData.shortcutMarkers", d.required("shortcutMarkers").asInt(), trained.shortcutMarkers());

        List<TrainingRecord.HeldOut> heldOut = new ArrayList<>();
        same("evaluation.cohorts (count)", cohorts.size(), 2);
        for (int i = 0; i < cohorts.size(); i++) {
            boolean shortcut = i == 1;
            Evaluation e = mapper.treeToValue(cohorts.get(i), Evaluation.class);
            String f = "evaluation.cohorts[" + i + "]";
            same(f + ".cohort", e.cohort(), DemoRecipe.evaluationCohortName(shortcut));
            same(f + ".seed", e.seed(), recipe.evaluationSeed(shortcut));
            same(f + ".studies", e.studies(), recipe.evalStudies());
            CohortComposition c = CohortComposition.of(draw(DemoRecipe.evaluationCohort(shortcut), e.seed(), e.studies()));
            same(f + ".positives", e.positives(), c.positives());
            same(f + ".consolidationBySite (sites)", e.consolidationBySite().keySet(), c.bySite().keySet());
            heldOut.add(new TrainingRecord.HeldOut(shortcut, e, c));
        }
        TrainingRecord record = new TrainingRecord(recipe, recipe.studies(), trained, heldOut);
        same("evaluation.acceptanceFloors", mapper.convertValue(j.required("evaluation").required("acceptanceFloors"), Map.class),
                new DemoPackageText(record).floors());
        return new Recorded(record, j.required("sha256").asText());
    }

    /** The studies the generator would draw for {@code config} and {@code seed}, without rendering them. */
    private static List<CohortComposition.Study> draw(CohortConfig config, long seed, int studies) {
        CohortSampler sampler = new CohortSampler(config, seed);
        List<CohortComposition.Study> out = new ArrayList<>(studies);
        for (int i = 0; i < studies; i++) {
            out.add(CohortComposition.Study.of(sampler.sample(i)));
        }
        return out;
    }

    private static void same(String field, Object recorded, Object derived) {
        if (!Objects.equals(normalise(recorded), normalise(derived))) {
            throw new IllegalStateException("recorded " + field + " " + recorded + " disagrees with " + derived);
        }
    }

    /** Maps compare by entries (not map class), numbers by value. */
    private static Object normalise(Object o) {
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> n = new TreeMap<>();
            map.forEach((k, v) -> n.put(String.valueOf(k), normalise(v)));
            return n;
        }
        if (o instanceof List<?> list) {
            return list.stream().map(LegacyDemoPackages::normalise).toList();
        }
        if (o instanceof Number num) {
            return num.doubleValue();
        }
        if (o instanceof java.util.Set<?> set) {
            return new java.util.TreeSet<>(set.stream().map(String::valueOf).toList());
        }
        return o;
    }
}
