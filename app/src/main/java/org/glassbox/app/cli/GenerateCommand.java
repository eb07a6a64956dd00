package org.glassbox.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.synth.Finding;
import org.glassbox.core.synth.ShortcutConfig;
import org.glassbox.core.synth.SiteProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox generate --out DIR --studies N [--seed S] [--size PX] [--json] ...}: writes a
 * synthetic chest-radiograph cohort (DX DICOM, truth.csv, masks) with {@link CohortGenerator}.
 * Exit 0 on success, 1 when the cohort could not be written (nothing is left half-written), 2 on
 * a usage error.
 */
@Command(name = "generate", description = "Generate a synthetic DX chest cohort: DICOM + truth.csv + masks (.npy).")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be empty).")
    Path out;

    @Option(names = "--studies", required = true, paramLabel = "N", description = "Number of studies (one image each).")
    int studies;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed; the same seed gives the same bytes (default 1).")
    long seed;

    @Option(names = "--size", defaultValue = "0", paramLabel = "PX",
            description = "Square images of PX pixels (64..8192); default: each site's full detector matrix.")
    int size;

    @Option(names = "--prevalence", paramLabel = "LABEL=P", split = ",",
            description = "Prevalence of a finding at every site, e.g. nodule=0.2 (labels: nodule, consolidation, pleural_effusion, cardiomegaly).")
    List<String> prevalence = new ArrayList<>();

    @Option(names = "--site-weights", paramLabel = "W,W,W", split = ",",
            description = "Relative share of studies per site, in site order (Northfield, Riverside, Hillcrest).")
    List<Double> siteWeights = new ArrayList<>();

    @Option(names = "--female-fraction", paramLabel = "F", description = "Fraction of women at every site, 0..1 (default: per site).")
    Double femaleFraction;

    @Option(names = "--shortcut", description = "Inject the shortcut: a lead ring marker correlated with a finding at one site.")
    boolean shortcut;

    @Option(names = "--shortcut-site", paramLabel = "NAME", defaultValue = "Riverside Community Clinic",
            description = "Site of the shortcut (default: Riverside Community Clinic).")
    String shortcutSite;

    @Option(names = "--shortcut-finding", paramLabel = "LABEL", defaultValue = "consolidation",
            description = "Finding the marker correlates with (default: consolidation).")
    String shortcutFinding;

    @Option(names = "--shortcut-rates", paramLabel = "P_POS,P_NEG", split = ",",
            description = "Marker probability with and without the finding (default 0.85,0.05).")
    List<Double> shortcutRates = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CohortConfig config = configuration();
        if (studies < 1 || studies > CohortGenerator.MAX_STUDIES) {
            throw usage("--studies must be 1.." + CohortGenerator.MAX_STUDIES + ", got " + studies);
        }
        if (size != 0 && (size < 64 || size > 8192)) {
            throw usage("--size must be 64..8192, got " + size);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 256) {
            throw usage("--threads must be 1..256, got " + n);
        }
        CohortSummary s = new CohortGenerator(Dicom.writer(), n).generate(config, out, studies, seed, size);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", s.out().toString());
            doc.put("studies", s.studies());
            doc.put("seed", s.seed());
            doc.put("size", s.size());
            doc.put("labels", s.labelCounts());
            doc.put("sites", s.siteCounts());
            doc.put("shortcut", s.shortcutCount());
            doc.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
            Json.print(o, doc);
        } else {
            o.printf(Locale.ROOT, "generated %d studies in %s (%.1f s): %s; shortcut markers: %d%n",
                    s.studies(), s.out(), s.seconds(), s.labelCounts(), s.shortcutCount());
            o.flush();
        }
        return GlassBoxCli.EXIT_OK;
    }

    private CohortConfig configuration() {
        CohortConfig config = CohortConfig.defaults();
        try {
            for (String p : prevalence) {
                int eq = p.indexOf('=');
                if (eq < 0) {
                    throw usage("--prevalence expects LABEL=P, got '" + p + "'");
                }
                config = config.withPrevalence(Finding.fromLabel(p.substring(0, eq)), Double.parseDouble(p.substring(eq + 1)));
            }
            if (!siteWeights.isEmpty()) {
                if (siteWeights.size() != config.sites().size()) {
                    throw usage("--site-weights needs " + config.sites().size() + " values, got " + siteWeights.size());
                }
                List<SiteProfile> sites = new ArrayList<>();
                for (int i = 0; i < siteWeights.size(); i++) {
                    sites.add(config.sites().get(i).withWeight(siteWeights.get(i)));
                }
                config = config.withSites(sites);
            }
            if (femaleFraction != null) {
                double f = femaleFraction;
                config = config.withSites(config.sites().stream().map(site -> site.withFemaleFraction(f)).toList());
            }
            if (shortcut) {
                double pos = shortcutRates.isEmpty() ? 0.85 : shortcutRates.get(0);
                double neg = shortcutRates.size() < 2 ? 0.05 : shortcutRates.get(1);
                config = config.withShortcut(new ShortcutConfig(true, shortcutSite, Finding.fromLabel(shortcutFinding), pos, neg));
            }
            return config;
        } catch (NumberFormatException e) {
            throw usage("not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
