package org.glassbox.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassbox.app.ui.StartupProbe;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.app.workflow.ImportComposition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox bench startup [--runs N] [--studies S] [--json]}: cold start of the workstation.
 * Prepares a workspace (a generated cohort, imported), then launches N child JVMs on the same
 * classpath, each opening the workstation on it ({@link StartupProbe}) under xvfb (when DISPLAY is
 * set) or headless Monocle, and reports the time from JVM start to the first pulse after the window
 * showed with the worklist filled: median and p95, plus whether ND4J was loaded when the window
 * showed (it must not be).
 */
@Command(name = "startup", description = "Cold start to an interactive workstation window (child JVMs; median and p95).")
public final class StartupBenchmark implements Callable<Integer> {
    private static final Pattern LINE = Pattern.compile("startup-ms=(\\d+) shown-ms=(\\d+) rows=(\\d+) nd4j-at-show=(true|false)");

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "Child JVM starts to time (default 5).")
    int runs;

    @Option(names = "--studies", defaultValue = "120", paramLabel = "S", description = "Studies in the prepared workspace (default 120, as the demo).")
    int studies;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One child start. */
    public record Run(long startupMs, long shownMs, int rows, boolean nd4jAtShow) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || studies < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs and --studies must be >= 1");
        }
        List<String> display = displayOptions();
        Path scratch = Files.createTempDirectory("glassbox-bench-startup-");
        try {
            Path cohort = scratch.resolve("cohort");
            new CohortGenerator(Dicom.writer(), Runtime.getRuntime().availableProcessors()).generate(CohortConfig.defaults(), cohort, studies, 11L, 256);
            Workspace ws = Workspace.open(scratch.resolve("workspace"));
            ImportComposition.pipeline(ws, ImportOptions.defaults(DeidPolicy.REJECT)).run(List.of(cohort), (d, t) -> { });
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(child(ws.root(), display));
            }
            print(results);
            return results.stream().anyMatch(Run::nd4jAtShow) ? GlassBoxCli.EXIT_FAILED : GlassBoxCli.EXIT_OK;
        } finally {
            deleteTree(scratch);
        }
    }

    /** Real display when there is one, else Monocle headless (must be on the classpath, as in the tests). */
    private List<String> displayOptions() {
        if (System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank()) {
            return List.of();
        }
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no display to open the workstation on: run under xvfb-run (e.g. xvfb-run -a ./glassbox bench startup)");
        }
        return List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true");
    }

    /** How long one child may take from launch to exit; past it the child is killed and the run fails. */
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    private static Run child(Path workspace, List<String> display) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-Xmx1g");
        cmd.addAll(display);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupProbe.class.getName(), workspace.toString()));
        return parse(runChild(cmd, CHILD_TIMEOUT));
    }

    /**
     * Runs {@code cmd} with its stdout going to a temporary file (not a pipe read to EOF, which
     * would block for as long as a silent child lives), waits at most {@code timeout}, then kills
     * it; returns its stdout. Throws when the child did not exit in time.
     */
    static String runChild(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("glassbox-startup-probe-", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(stdout.toFile()).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("startup probe did not finish within " + timeout.toSeconds() + " s (killed)");
                }
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            if (!LINE.matcher(out).find()) {
                throw new IOException("startup probe exited with " + p.exitValue() + " without reporting a start");
            }
            return out;
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    private static Run parse(String out) {
        Matcher m = LINE.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        m = LINE.matcher(last);
        m.find();
        return new Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)), Boolean.parseBoolean(m.group(4)));
    }

    /** Nearest-rank percentile of the values (p in (0, 100]). */
    static long percentile(long[] values, double p) {
        long[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    private void print(List<Run> results) {
        long[] ms = results.stream().mapToLong(Run::startupMs).toArray();
        long[] shown = results.stream().mapToLong(Run::shownMs).toArray();
        PrintWriter out = spec.commandLine().getOut();
        boolean nd4j = results.stream().anyMatch(Run::nd4jAtShow);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runs", results);
            doc.put("medianMs", percentile(ms, 50));
            doc.put("p95Ms", percentile(ms, 95));
            doc.put("shownMedianMs", percentile(shown, 50));
            doc.put("nd4jLoadedAtShow", nd4j);
            doc.put("studies", studies);
            Json.print(out, doc);
        } else {
            out.println(String.format(Locale.ROOT, "startup (JVM start → first pulse with the worklist filled, %d studies, %d runs): median %d ms, p95 %d ms;"
                    + " window shown at median %d ms; ND4J loaded at show: %s", studies, runs, percentile(ms, 50), percentile(ms, 95),
                    percentile(shown, 50), nd4j ? "YES (regression)" : "no"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
