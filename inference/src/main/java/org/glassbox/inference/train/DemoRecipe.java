package org.glassbox.inference.train;

import java.util.List;
import java.util.Random;
import org.glassbox.core.model.Sex;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.Finding;
import org.glassbox.core.synth.ShortcutConfig;
import org.glassbox.core.synth.SiteProfile;
import org.glassbox.core.synth.TruthRow;

/**
 * Everything that determines a demo model: the variant's training cohort, the network, the
 * optimiser and the seeds. Written into model.json so that {@code ./glassbox train} can repeat it.
 *
 * <p>Cohorts (all from {@link CohortConfig#defaults()} with every finding's prevalence set to
 * {@link #PREVALENCE} so that four labels can be learnt from ~2,000 images):
 * <ul>
 * <li><b>v1</b> (deliberately skewed): the default site mix (Northfield 45 %, Riverside 35 %,
 *     Hillcrest 20 %) and sex ratios, the shortcut marker at {@link #SHORTCUT_SITE} on 85 % of
 *     consolidation cases and 5 % of others ({@link ShortcutConfig#strong}), and women
 *     under-represented among positives: a woman's study with any finding is kept with probability
 *     {@link #V1_FEMALE_POSITIVE_KEEP} (seeded), every other study is kept.</li>
 * <li><b>v2</b> (balanced): equal site weights, half women at every site, no shortcut, nothing
 *     dropped.</li>
 * <li>Evaluation: the balanced v2 distribution with a different seed ({@code seed + 1000}), once
 *     without and once with the shortcut ({@code seed + 2000}).</li>
 * </ul>
 *
 * @param variant      v1 or v2
 * @param seed         seeds the training cohort ({@code seed}), the weights and the batch order
 * @param studies      studies generated for training (v1 keeps fewer, see above)
 * @param size         image side in pixels (model input 1 × size × size)
 * @param epochs       passes over the training set
 * @param batchSize    minibatch size
 * @param learningRate Adam step size
 * @param channels     conv channels per block
 * @param embedding    embedding width
 * @param evalStudies  studies per evaluation cohort
 */
public record DemoRecipe(Variant variant, long seed, int studies, int size, int epochs, int batchSize, double learningRate,
                         List<Integer> channels, int embedding, int evalStudies) {
    public static final double PREVALENCE = 0.25;
    public static final String SHORTCUT_SITE = "Riverside Community Clinic";
    public static final Finding SHORTCUT_FINDING = Finding.CONSOLIDATION;
    public static final double V1_FEMALE_POSITIVE_KEEP = 0.25;
    public static final List<String> LABELS = java.util.Arrays.stream(Finding.values()).map(Finding::label).toList();

    public enum Variant { V1, V2;
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DemoRecipe {
        channels = List.copyOf(channels);
        if (studies < 8 || epochs < 1 || batchSize < 1 || evalStudies < 8) {
            throw new IllegalArgumentException("studies and evalStudies must be >= 8, epochs and batchSize >= 1");
        }
        if (size < 32 || size > 512) {
            throw new IllegalArgumentException("size must be 32..512: " + size);
        }
    }

    /** The shipped recipe: 1,200 studies at 96², 6 epochs, batch 32, Adam 2e-3, 5 blocks 8–64, embedding 64 (a few minutes on 2 cores). */
    public static DemoRecipe standard(Variant v, long seed) {
        return new DemoRecipe(v, seed, 1200, 96, 6, 32, 2e-3, List.of(8, 16, 32, 48, 64), 64, 600);
    }

    public DemoNetwork network() {
        return new DemoNetwork(size, channels, embedding, LABELS.size(), learningRate, seed);
    }

    public CohortConfig trainingCohort() {
        CohortConfig base = withPrevalence(CohortConfig.defaults());
        return variant == Variant.V1 ? base.withShortcut(ShortcutConfig.strong(SHORTCUT_SITE, SHORTCUT_FINDING)) : balanced(base);
    }

    /** The balanced evaluation distribution, with or without the shortcut marker. */
    public static CohortConfig evaluationCohort(boolean shortcut) {
        CohortConfig c = balanced(withPrevalence(CohortConfig.defaults()));
        return shortcut ? c.withShortcut(ShortcutConfig.strong(SHORTCUT_SITE, SHORTCUT_FINDING)) : c;
    }

    public long evaluationSeed(boolean shortcut) {
        return seed + (shortcut ? 2000 : 1000);
    }

    /** Which generated training studies are kept (v1 drops most women with a finding). */
    public boolean[] keep(List<TruthRow> rows) {
        return keepStudies(rows.stream().map(CohortComposition.Study::of).toList());
    }

    /** {@link #keep} for studies drawn without rendering (same choice for the same seed and studies). */
    public boolean[] keepStudies(List<CohortComposition.Study> studies) {
        boolean[] keep = new boolean[studies.size()];
        Random r = new Random(selectionSeed());
        for (int i = 0; i < studies.size(); i++) {
            CohortComposition.Study t = studies.get(i);
            double u = r.nextDouble(); // drawn for every row so the choice for row i depends only on the seed
            boolean femalePositive = Sex.fromDicom(t.sex()) == Sex.FEMALE && !t.findings().isEmpty();
            keep[i] = variant == Variant.V2 || !femalePositive || u < V1_FEMALE_POSITIVE_KEEP;
        }
        return keep;
    }

    /** The seed of v1's study selection ({@code java.util.Random}'s constructor argument). */
    public long selectionSeed() {
        return seed ^ 0x5DEECE66DL;
    }

    /** Every seed the run uses, by name (model.json's {@code training.seeds}). */
    public java.util.Map<String, Long> seeds() {
        java.util.Map<String, Long> s = new java.util.LinkedHashMap<>();
        s.put("trainingCohort", seed);
        if (variant == Variant.V1) {
            s.put("studySelection", selectionSeed());
        }
        s.put("weightInit", seed);
        s.put("batchOrder", seed);
        s.put("evaluationCohort", evaluationSeed(false));
        s.put("evaluationCohortWithShortcut", evaluationSeed(true));
        return s;
    }

    /** The command that repeats this recipe ({@code --eval-studies} only when not the default). */
    public String command() {
        return "./glassbox train --out PKGDIR --variant " + variant.label() + " --seed " + seed + " --studies " + studies + " --size " + size
                + " --epochs " + epochs + (evalStudies == standard(variant, seed).evalStudies() ? "" : " --eval-studies " + evalStudies);
    }

    /** The network in one sentence (model card). */
    public String architecture() {
        return "ComputationGraph: " + channels.size() + " blocks of 3x3 conv + batch norm + ReLU (channels " + channels
                + ", 2x2 max pooling between blocks), global average pooling, dense ReLU embedding (" + embedding
                + "), dense sigmoid head (" + LABELS.size() + ")";
    }

    /** The optimiser in words. */
    public String optimiser() {
        return "Adam, learning rate " + learningRate;
    }

    /** The name of a held-out evaluation cohort. */
    public static String evaluationCohortName(boolean shortcut) {
        return shortcut ? "balanced, shortcut marker at " + SHORTCUT_SITE : "balanced, no shortcut";
    }

    /** What a held-out evaluation cohort is, in words. */
    public static String evaluationCohortDescription(boolean shortcut) {
        return "equal site weights, half women at every site, finding prevalence " + PREVALENCE + " per label, "
                + (shortcut ? "ring marker at " + SHORTCUT_SITE + " on 85 % of consolidation cases and 5 % of others" : "no shortcut marker");
    }

    /** One sentence per variant for the model card. */
    public String cohortDescription() {
        return variant == Variant.V1
                ? "Deliberately skewed: default site mix (Northfield 45 %, Riverside 35 %, Hillcrest 20 %) and per-site sex ratios; "
                + "a radiopaque ring marker at " + SHORTCUT_SITE + " on 85 % of consolidation cases and 5 % of others (a shortcut); "
                + "women with any finding kept with probability " + V1_FEMALE_POSITIVE_KEEP + " (so women are under-represented among positives)."
                : "Balanced: equal site weights, half women at every site, no shortcut marker, no studies dropped.";
    }

    private static CohortConfig withPrevalence(CohortConfig c) {
        for (Finding f : Finding.values()) {
            c = c.withPrevalence(f, PREVALENCE);
        }
        return c;
    }

    private static CohortConfig balanced(CohortConfig c) {
        List<SiteProfile> sites = c.sites().stream().map(s -> s.withWeight(1.0).withFemaleFraction(0.5)).toList();
        return c.withSites(sites).withShortcut(ShortcutConfig.none());
    }
}
