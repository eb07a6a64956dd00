package org.glassbox.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox bench import [--files N] [--dx-files M] [--json]}: generates uncompressed 512×512
 * images and full-size DX images (2500×3000, 16-bit), imports each set into a fresh temporary
 * workspace and reports files/s and MB/s, with SHA-256 of the same files as the peer.
 */
@Command(name = "bench", description = "Run a benchmark: import, fairness, render, or a subcommand (explain).", subcommands = {ExplainBenchmark.class, StartupBenchmark.class})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", defaultValue = "import", description = "Benchmark to run: import (default), fairness or render.")
    String name;

    @Option(names = "--files", defaultValue = "1000", paramLabel = "N", description = "512x512 files to import (default 1000).")
    int files;

    @Option(names = "--dx-files", defaultValue = "40", paramLabel = "M",
            description = "Full-size DX files from the synthetic cohort generator to import (default 40; 0 skips).")
    int dxFiles;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--cases", defaultValue = "100000", paramLabel = "N", description = "fairness: cases (default 100000).")
    int cases;

    @Option(names = "--groups", defaultValue = "20", paramLabel = "G", description = "fairness: subgroups (default 20).")
    int groups;

    @Option(names = "--boot", defaultValue = "2000", paramLabel = "B", description = "fairness: bootstrap resamples (default 2000).")
    int boot;

    @Option(names = "--no-peer", description = "fairness: skip the scikit-learn peer.")
    boolean noPeer;

    @Option(names = "--peer-script", defaultValue = "scripts/bench-fairness-peer.py", paramLabel = "FILE",
            description = "fairness: the peer script (default scripts/bench-fairness-peer.py).")
    Path peerScript;

    @Option(names = "--iterations", defaultValue = "200", paramLabel = "N",
            description = "render: window/level changes to time (default 200).")
    int iterations;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ("fairness".equals(name)) {
            return fairness();
        }
        if ("render".equals(name)) {
            return render();
        }
        if (!"import".equals(name)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown benchmark '" + name + "' (known: import, fairness, render)");
        }
        if (files < 1 || dxFiles < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--files must be >= 1 and --dx-files >= 0");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Path scratch = Files.createTempDirectory("glassbox-bench-");
        List<ImportBenchmark.Result> results = new ArrayList<>();
        try {
            results.add(ImportBenchmark.run("512x512", files, 512, 512, scratch, t));
            if (dxFiles > 0) {
                results.add(ImportBenchmark.runGeneratedDx(dxFiles, scratch, t));
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, results);
        } else {
            for (ImportBenchmark.Result r : results) {
                out.println(String.format(Locale.ROOT, "import %-13s %5d files %9.1f MB %7.2f s %8.1f files/s %7.1f MB/s  (SHA-256 alone %.2f s; import/hash %.2fx)",
                        r.name(), r.files(), r.megabytes(), r.seconds(), r.filesPerSecond(), r.megabytesPerSecond(), r.hashOnlySeconds(), r.importToHashRatio()));
            }
        }
        return GlassBoxCli.EXIT_OK;
    }

    /** Re-render after a window/level change of a 2,500 × 3,000 16-bit frame (the viewer's goal: ≤ 16 ms). */
    private int render() {
        if (iterations < 10) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be >= 10");
        }
        List<RenderBenchmark.Result> results = RenderBenchmark.run(2500, 3000, iterations);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, results);
        } else {
            for (RenderBenchmark.Result r : results) {
                out.println(String.format(Locale.ROOT, "render 2500x3000 16-bit, %-16s (%dx%d view): median %.2f ms, p95 %.2f ms, max %.2f ms over %d W/L changes",
                        r.view(), r.viewWidth(), r.viewHeight(), r.medianMs(), r.p95Ms(), r.maxMs(), r.iterations()));
            }
        }
        return GlassBoxCli.EXIT_OK;
    }

    private int fairness() throws Exception {
        if (cases < 2 || groups < 1 || groups > cases || boot < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cases must be >= 2, --groups in [1, cases], --boot >= 1");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        FairnessBenchmark.Result r = FairnessBenchmark.run(cases, groups, boot, t, noPeer ? null : peerScript, 20240521L);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            out.println(String.format(Locale.ROOT, "fairness %d cases x %d subgroups x %d resamples, %d threads: %.2f s wall, %.2f s CPU (load average %.1f)",
                    r.cases(), r.groups(), r.resamples(), r.threads(), r.seconds(), r.cpuSeconds(), r.loadAverage()));
            if (!Double.isNaN(r.peerSeconds())) {
                out.println(String.format(Locale.ROOT, "peer (scikit-learn + NumPy): %.2f s wall, %.2f s CPU; GlassBox is %.1fx faster (wall), %.1fx (CPU)",
                        r.peerSeconds(), r.peerCpuSeconds(), r.ratio(), r.cpuRatio()));
            }
            out.println(r.note());
        }
        return GlassBoxCli.EXIT_OK;
    }
}
