package org.glassbox.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.ThresholdRule;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options {@code audit} and {@code compare} share (a picocli mixin), and the settings they make. */
final class AuditOptions {
    @Option(names = "--by", split = ",", paramLabel = "ATTR[*ATTR]",
            description = {"Group by these attributes; intersect with '*', e.g. sex,age_band,sex*age_band.",
                "Catalog attributes: sex, age_band, site, manufacturer, model, modality, body_part, view, and the truth file's columns."})
    List<String> by = new ArrayList<>();

    @Option(names = "--truth", paramLabel = "CSV",
            description = "Truth and extra attributes, keyed by sop_instance_uid, patient_id or id; label columns <label> or truth_<label>.")
    Path truth;

    @Option(names = "--label", split = ",", paramLabel = "L", description = "Labels to audit (default: all with scores and truth).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "T|youden|sens:S", defaultValue = "youden",
            description = "Decision threshold per label, chosen on the whole cohort: a number in [0,1], youden, or sens:0.9 (default youden).")
    String threshold;

    @Option(names = "--boot", paramLabel = "N", defaultValue = "2000", description = "Stratified bootstrap resamples (default 2000; 0 = none).")
    int boot;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + FairnessSettings.DEFAULT_SEED, description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-positives", paramLabel = "N", defaultValue = "30", description = "Warn below this many positives in a subgroup (default 30).")
    int minPositives;

    @Option(names = "--age-bands", paramLabel = "EDGES", defaultValue = "0,18,40,60,80", description = "Age band edges in years (default 0,18,40,60,80).")
    String ageBands;

    @Option(names = "--reference", split = ",", paramLabel = "GROUPING=SUBGROUP",
            description = "Reference subgroup of a grouping, e.g. sex=M (default: the largest).")
    List<String> references = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON document (statistics with CIs, disparities, flags, settings).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report (tables, forest plots, ROC and reliability curves).")
    Path html;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** @throws CommandLine.ParameterException (exit 2) on a malformed option */
    AgeBands ageBands() {
        try {
            return AgeBands.parse(ageBands);
        } catch (IllegalArgumentException e) {
            throw usage("--age-bands: " + e.getMessage());
        }
    }

    /** The statistics settings; labels are chosen by the loader, so none here. */
    FairnessSettings settings() {
        List<Grouping> groupings = new ArrayList<>();
        for (String spec : by) {
            if (spec.isBlank()) {
                throw usage("--by has an empty entry");
            }
            try {
                Grouping g = Grouping.parse(spec.strip());
                if (!groupings.contains(g)) {
                    groupings.add(g);
                }
            } catch (IllegalArgumentException e) {
                throw usage("--by: " + e.getMessage());
            }
        }
        ThresholdRule rule;
        try {
            rule = ThresholdRule.parse(threshold);
        } catch (IllegalArgumentException e) {
            throw usage("--threshold: " + e.getMessage());
        }
        if (boot < 0) {
            throw usage("--boot must be >= 0, got " + boot);
        }
        if (minPositives < 0) {
            throw usage("--min-positives must be >= 0, got " + minPositives);
        }
        Map<String, String> refs = new LinkedHashMap<>();
        for (String r : references) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw usage("--reference must be GROUPING=SUBGROUP, got '" + r + "'");
            }
            refs.put(Grouping.parse(r.substring(0, eq).strip()).name(), r.substring(eq + 1).strip());
        }
        return FairnessSettings.defaults(groupings).withThreshold(rule).withBootstrap(boot, seed).withMinPositives(minPositives)
                .withReferenceGroups(refs);
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
