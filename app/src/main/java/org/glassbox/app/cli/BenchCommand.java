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
@Command(name = "bench", description = "Run a benchmark: import, or a subcommand (explain).", subcommands = {ExplainBenchmark.class})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", defaultValue = "import", description = "Benchmark to run: import (default).")
    String name;

    @Option(names = "--files", defaultValue = "1000", paramLabel = "N", description = "512x512 files to import (default 1000).")
    int files;

    @Option(names = "--dx-files", defaultValue = "40", paramLabel = "M",
            description = "Full-size DX files from the synthetic cohort generator to import (default 40; 0 skips).")
    int dxFiles;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!"import".equals(name)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown benchmark '" + name + "' (known: import)");
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
}
