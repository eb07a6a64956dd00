package org.glassbox.inference.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.ai.ModelDescriptor.OutputKind;
import org.glassbox.inference.engine.ModelFormat;
import org.glassbox.inference.pkg.ModelManifest;
import org.glassbox.inference.pkg.ModelManifest.Channels;
import org.glassbox.inference.pkg.ModelManifest.Explain;
import org.glassbox.inference.pkg.ModelManifest.Interpolation;
import org.glassbox.inference.pkg.ModelManifest.Metric;
import org.glassbox.inference.pkg.ModelManifest.Preprocessing;
import org.glassbox.inference.pkg.ModelManifest.Resize;
import org.glassbox.inference.pkg.ModelManifest.ResizeMode;
import org.glassbox.inference.pkg.ModelManifest.Scaling;
import org.glassbox.inference.pkg.ModelManifest.Task;
import org.glassbox.inference.pkg.ModelManifest.Training;
import org.glassbox.inference.pkg.ModelManifest.WindowMode;
import org.glassbox.inference.pkg.ModelManifest.Windowing;

/**
 * A demo package's {@link ModelManifest} (schema of {@code docs/model-package.md}) from the facts
 * of its training run. Used by {@link DemoModelBuilder} and by the one-off conversion of the
 * packages shipped before the schema existed, so both say the same things the same way.
 *
 * <p>Metric names: {@code auroc/LABEL@COHORT} for every label, and
 * {@code auroc/consolidation[site=NAME]@COHORT} / {@code auroc/consolidation[sex=F|M]@COHORT} for
 * the shortcut's finding per subgroup; COHORT is {@value #BALANCED} or {@value #BALANCED_SHORTCUT}.
 * AUCs that are not defined (a group without positives or negatives) are left out.
 */
public final class DemoManifest {
    public static final String VERSION = "1.0.0";
    public static final String LICENCE = "Apache-2.0";
    /** Metric-name suffix of the balanced, shortcut-free held-out cohort (acceptance floors derive from it). */
    public static final String BALANCED = "balanced";
    /** Metric-name suffix of the balanced held-out cohort with the shortcut marker. */
    public static final String BALANCED_SHORTCUT = "balanced-shortcut";

    static final String INTENDED_USE = "Demonstration and teaching of GlassBox (explanations, subgroup audits, model comparison) on "
            + "synthetic images only. Not a medical device; not for clinical use; never validated on real radiographs.";

    private DemoManifest() {
    }

    public static String id(DemoRecipe recipe) {
        return "glassbox-demo-cxr-" + recipe.variant().label();
    }

    /**
     * What {@link org.glassbox.inference.preprocess.DicomGreyscalePreprocessor} does, in the schema:
     * the file's own VOI (PS3.3 C.11.2; MONOCHROME1 shown inverted) to [0, 1], area-average resize
     * to size × size (aspect ratio not kept), no crop, no channel replication, no normalisation.
     */
    public static Preprocessing preprocessing(int size) {
        return new Preprocessing(new Windowing(WindowMode.DICOM_VOI, null, null), new Scaling(0.0, 1.0),
                new Resize(size, Interpolation.AREA, ResizeMode.EXACT), null, false, null);
    }

    public static ModelManifest of(TrainingRecord r) {
        DemoRecipe recipe = r.recipe();
        return new ModelManifest(ModelManifest.SCHEMA_VERSION, id(recipe), VERSION, Task.MULTI_LABEL_CLASSIFICATION, DemoRecipe.LABELS,
                List.of(1, recipe.size(), recipe.size()), Channels.GREY, OutputKind.SIGMOID,
                new ModelManifest.Weights(ModelFormat.DL4J, DemoModelBuilder.WEIGHTS), preprocessing(recipe.size()),
                new Explain(recipe.network().targetLayer(), DemoNetwork.EMBEDDING), LICENCE, intendedUse(recipe), trainingData(r), metrics(r),
                new Training(recipe.command(), recipe.seeds()));
    }

    /** The metric name of a label's AUC on a held-out cohort. */
    public static String metricName(String label, boolean shortcut) {
        return "auroc/" + label + "@" + (shortcut ? BALANCED_SHORTCUT : BALANCED);
    }

    /** The metric name of a subgroup's AUC, e.g. {@code auroc/consolidation[sex=F]@balanced}. */
    public static String subgroupMetricName(String label, String attribute, String value, boolean shortcut) {
        return "auroc/" + label + "[" + attribute + "=" + value + "]@" + (shortcut ? BALANCED_SHORTCUT : BALANCED);
    }

    /**
     * The acceptance floors a package states, recomputed from its metrics: for each label whose AUC
     * on the balanced, shortcut-free cohort is at least 0.70, that AUC minus 0.10, rounded down to
     * 0.05 (room for a small re-check cohort's sampling error).
     */
    public static Map<String, Double> floors(ModelManifest m) {
        Map<String, Double> auc = new LinkedHashMap<>();
        if (m.metrics() != null) {
            for (String label : m.labels()) {
                Metric metric = m.metrics().get(metricName(label, false));
                if (metric != null) {
                    auc.put(label, metric.value());
                }
            }
        }
        return floors(auc);
    }

    /** The floor rule of {@link #floors(ModelManifest)} on AUCs by label (NaN: no floor). */
    public static Map<String, Double> floors(Map<String, Double> aucByLabel) {
        Map<String, Double> floors = new LinkedHashMap<>();
        aucByLabel.forEach((label, auc) -> {
            if (auc >= 0.70) {
                floors.put(label, Math.floor((auc - 0.10) * 20) / 20);
            }
        });
        return floors;
    }

    static String intendedUse(DemoRecipe recipe) {
        String flaw = recipe.variant() == DemoRecipe.Variant.V1
                ? " This is v1, flawed on purpose: trained where a ring marker signals consolidation at " + DemoRecipe.SHORTCUT_SITE
                + " and women with findings are rare, so expect it to lean on the marker and to do worse for women; compare it with v2."
                : " This is v2, trained balanced without the shortcut marker: the comparison model for v1.";
        return INTENDED_USE + flaw + " The encoder's " + recipe.embedding() + "-value embedding is the output of layer '"
                + DemoNetwork.EMBEDDING + "'. Model card: MODEL_CARD.md.";
    }

    static String trainingData(TrainingRecord r) {
        DemoRecipe recipe = r.recipe();
        CohortComposition c = r.trained();
        StringBuilder b = new StringBuilder();
        b.append("Synthetic frontal chest radiographs (DX, ").append(recipe.size()).append('x').append(recipe.size())
                .append(") from GlassBox's cohort generator (org.glassbox.core.synth; no real patients), seed ").append(recipe.seed())
                .append(", finding prevalence setting ").append(DemoRecipe.PREVALENCE).append(" per label. ")
                .append(recipe.cohortDescription()).append(' ');
        b.append("Trained on ").append(c.studies()).append(" of ").append(r.generatedStudies()).append(" generated studies; positives: ")
                .append(counts(c.positives())).append("; shortcut marker on ").append(c.shortcutMarkers()).append(" images. ");
        b.append("By site (studies, with any finding, ").append(DemoRecipe.SHORTCUT_FINDING.label()).append(", shortcut markers): ");
        b.append(String.join("; ", c.bySite().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().studies() + ", "
                + e.getValue().withFinding() + ", " + e.getValue().positives().get(DemoRecipe.SHORTCUT_FINDING.label()) + ", "
                + e.getValue().shortcutMarkers()).toList())).append(". ");
        b.append("By sex (studies, with any finding, ").append(DemoRecipe.SHORTCUT_FINDING.label()).append("): ");
        b.append(String.join("; ", c.bySex().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().studies() + ", "
                + e.getValue().withFinding() + ", " + e.getValue().positives().get(DemoRecipe.SHORTCUT_FINDING.label())).toList())).append(". ");
        b.append("Images preprocessed as in 'preprocessing' (the file's VOI, MONOCHROME1 shown inverted, [0, 1], area resize), the same "
                + "code as at inference. ").append(recipe.architecture()).append("; binary cross-entropy per label; ").append(recipe.optimiser())
                .append(", ").append(recipe.epochs()).append(" epochs, batch ").append(recipe.batchSize()).append(", no augmentation. ")
                .append("Weights and batch order follow the seeds; ND4J's multi-threaded CPU reductions make reruns agree to float "
                        + "rounding, not bit for bit.");
        return b.toString();
    }

    static Map<String, Metric> metrics(TrainingRecord r) {
        Map<String, Metric> m = new LinkedHashMap<>();
        String consolidation = DemoRecipe.SHORTCUT_FINDING.label();
        for (TrainingRecord.HeldOut h : r.heldOut()) {
            Evaluation e = h.evaluation();
            CohortComposition c = h.cohort();
            String cohort = "held-out generated cohort '" + e.cohort() + "' (" + DemoRecipe.evaluationCohortDescription(h.shortcut()) + "), "
                    + e.studies() + " studies, seed " + e.seed();
            e.aucByLabel().forEach((label, auc) -> put(m, metricName(label, h.shortcut()), auc,
                    cohort + "; " + e.positives().get(label) + " " + label + " positives"));
            e.consolidationBySite().forEach((site, auc) -> put(m, subgroupMetricName(consolidation, "site", site, h.shortcut()), auc,
                    cohort + "; subgroup site " + site + ": " + subgroup(c.bySite().get(site), consolidation)));
            e.consolidationBySex().forEach((sex, auc) -> put(m, subgroupMetricName(consolidation, "sex", sex, h.shortcut()), auc,
                    cohort + "; subgroup sex " + sex + ": " + subgroup(c.bySex().get(sex), consolidation)));
        }
        return m;
    }

    private static void put(Map<String, Metric> m, String name, Double value, String cohort) {
        if (value != null && Double.isFinite(value)) {
            m.put(name, new Metric(value, cohort));
        }
    }

    private static String subgroup(CohortComposition.Group g, String label) {
        return g == null ? "no studies" : g.studies() + " studies, " + g.positives().get(label) + " " + label + " positives";
    }

    private static String counts(Map<String, Integer> byLabel) {
        return String.join(", ", byLabel.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }
}
