package org.glassbox.app.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassbox.explain.fairness.AuditCohort;
import org.glassbox.explain.fairness.FairnessAuditor;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;
import org.glassbox.explain.fairness.ThresholdRule;

/**
 * {@code glassbox bench fairness}: a synthetic cohort of N cases in G subgroups of unequal size
 * (binormal scores, AUC 0.70–0.90, prevalence 10–40 %), audited with B stratified bootstrap
 * resamples (every metric, disparities, Holm); the peer is scripts/bench-fairness-peer.py
 * (scikit-learn's roc_auc_score per resample per subgroup, NumPy for the rest) on the same cases.
 */
final class FairnessBenchmark {
    /** Figures of one run. peerSeconds is NaN when the peer was not run (then note says why). */
    record Result(int cases, int groups, int resamples, int threads, double seconds, double cpuSeconds, double peerSeconds,
                  double peerCpuSeconds, double ratio, double cpuRatio, double loadAverage,
                  double[] aucCiFirstGroup, double[] peerAucCiFirstGroup, String note) {
    }

    private FairnessBenchmark() {
    }

    static AuditCohort cohort(int cases, int groups, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] ids = new String[cases];
        double[] scores = new double[cases];
        byte[] truth = new byte[cases];
        String[] group = new String[cases];
        // sizes ∝ 1..G, so subgroups range from small to large
        double weightSum = groups * (groups + 1) / 2.0;
        int g = 0;
        double bound = 1 / weightSum;
        for (int i = 0; i < cases; i++) {
            while (g < groups - 1 && (double) i / cases >= bound) {
                g++;
                bound += (g + 1) / weightSum;
            }
            double prevalence = 0.1 + 0.3 * g / Math.max(1, groups - 1);
            double auc = 0.7 + 0.2 * (groups - 1 - g) / Math.max(1, groups - 1);
            double mu = Math.sqrt(2) * org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).inverseCumulativeProbability(auc);
            boolean positive = random.nextDouble() < prevalence;
            double u = 1 - random.nextDouble();
            double latent = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()) + (positive ? mu : 0);
            ids[i] = "c" + i;
            scores[i] = Math.rint(1e6 / (1 + Math.exp(-(latent - 1)))) / 1e6; // 6 decimals: the CSV holds them exactly
            truth[i] = (byte) (positive ? 1 : 0);
            group[i] = String.format(Locale.ROOT, "g%02d", g);
        }
        return AuditCohort.of(ids, Map.of("x", scores), Map.of("x", truth), Map.of("group", group));
    }

    static Result run(int cases, int groups, int resamples, int threads, Path peerScript, long seed) throws IOException, InterruptedException {
        AuditCohort cohort = cohort(cases, groups, seed);
        FairnessSettings settings = FairnessSettings.defaults(List.of(Grouping.of("group")))
                .withThreshold(new ThresholdRule.Fixed(0.5)).withBootstrap(resamples, seed);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            FairnessAuditor auditor = new FairnessAuditor(pool);
            auditor.audit(cohort, settings.withBootstrap(Math.min(resamples, 200), seed + 1)); // JIT warm-up
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            double load = os.getSystemLoadAverage();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            SubgroupResult first = auditor.audit(cohort, settings).label("x").grouping("group").subgroups().get(0);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            double[] ci = {first.metric(Metric.AUC).ciLower(), first.metric(Metric.AUC).ciUpper()};
            if (peerScript == null) {
                return new Result(cases, groups, resamples, threads, seconds, cpu, Double.NaN, Double.NaN, Double.NaN, Double.NaN, load, ci, null,
                        "peer not run (--no-peer)");
            }
            if (!Files.isRegularFile(peerScript) || !Files.isExecutable(Path.of("/usr/bin/python3"))) {
                return new Result(cases, groups, resamples, threads, seconds, cpu, Double.NaN, Double.NaN, Double.NaN, Double.NaN, load, ci, null,
                        "peer not run: " + peerScript + " or /usr/bin/python3 missing");
            }
            double[] peer = new double[4];
            String note = runPeer(cohort, resamples, seed, peerScript, peer);
            return new Result(cases, groups, resamples, threads, seconds, cpu, peer[0], peer[3], peer[0] / seconds, peer[3] / cpu, load, ci,
                    new double[] {peer[1], peer[2]}, note);
        } finally {
            pool.shutdown();
        }
    }

    private static String runPeer(AuditCohort cohort, int resamples, long seed, Path script, double[] out) throws IOException, InterruptedException {
        Path csv = Files.createTempFile("glassbox-bench-fairness-", ".csv");
        try {
            double[] s = cohort.scores("x");
            byte[] t = cohort.truth("x");
            String[] g = cohort.attribute("group");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("id,score,truth,group\n");
                for (int i = 0; i < s.length; i++) {
                    w.write(cohort.caseId(i) + "," + s[i] + "," + t[i] + "," + g[i] + "\n");
                }
            }
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), csv.toString(), "--boot", String.valueOf(resamples),
                    "--seed", String.valueOf(seed), "--threshold", "0.5").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                out[0] = Double.NaN;
                return "peer failed: " + text.strip().lines().reduce((a, b) -> b).orElse("");
            }
            out[0] = field(text, "seconds");
            out[3] = field(text, "cpu_seconds");
            Matcher m = Pattern.compile("\"auc_ci_first_group\": \\[([^,]+), ([^\\]]+)\\]").matcher(text);
            out[1] = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            out[2] = m.find(0) ? Double.parseDouble(m.group(2)) : Double.NaN;
            return "peer: scikit-learn roc_auc_score per resample per subgroup + NumPy (" + script + ")";
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ([0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
