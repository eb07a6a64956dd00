package org.glassbox.app.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §5: a child JVM running {@code import} (de-identifying half the files), and separately
 * {@code infer ... workspace}, is killed with SIGKILL at seeded random points. After each kill the
 * workspace must pass {@link WorkspaceState#problems} (catalog opens, integrity_check ok, nothing
 * half-imported, no orphan rows); then the same command is run again to completion, and the
 * workspace must be sound with no leftovers and equal, row for row, to a clean run's.
 *
 * <p>Kill points: import — a delay drawn uniformly over a clean child run's wall time, so kills land
 * in JVM start-up, hashing/parsing/de-identifying, the commit and the end; inference — when the
 * child has committed at least k of N predictions (k uniform in [0, N)) plus 0–20 ms, so every kill
 * lands during inference, at or between batch commits. {@code -Dglassbox.crashTrials=N} (default 20)
 * and {@code -Dglassbox.crashSeed=S} (default 7) set the run.
 */
@Tag("heavy")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashSafetyTest {
    private static final int STUDIES = 240;
    private final int trials = Integer.getInteger("glassbox.crashTrials", 20);
    private final long seed = Long.getLong("glassbox.crashSeed", 7L);

    @TempDir
    static Path dir;
    private Path dicom;
    private Path tiny;
    private Path reference;
    private List<String> importedState;

    @BeforeAll
    void cohortAndCleanRun() throws Exception {
        dicom = TrustFixtures.cohort(dir.resolve("cohort"), STUDIES, 64, 21);
        tiny = TrustFixtures.tinyPackage(dir.resolve("tiny"));
        reference = dir.resolve("reference");
        TrustFixtures.Run r = TrustFixtures.cli(importArgs(reference));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(WorkspaceState.problems(reference, WorkspaceState.Strictness.RESUMED)).isEmpty();
        importedState = WorkspaceState.canonical(reference);
        assertThat(importedState).filteredOn(l -> l.startsWith("instance")).hasSize(STUDIES);
        assertThat(importedState).filteredOn(l -> l.contains("(deidentified)")).hasSize(STUDIES / 2);
    }

    private String[] importArgs(Path ws) {
        return new String[] {"import", dicom.toString(), "--policy", "deidentify", "--workspace", ws.toString()};
    }

    private String[] inferArgs(Path ws) {
        return new String[] {"infer", "--model", tiny.toString(), "workspace", "--workspace", ws.toString(), "--batch", "4", "--json"};
    }

    @Test
    void killedImportsLeaveNothingHalfDoneAndResumeToTheCleanState() throws Exception {
        long cleanMillis = timeChildRun(dir.resolve("timing"), importArgs(dir.resolve("timing")));
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> report = new ArrayList<>();
        int survived = 0;
        for (int t = 0; t < trials; t++) {
            Path ws = freshWorkspaceSharingTheKey("import-" + t);
            long delay = rnd.nextLong(cleanMillis + 1);
            Kill k = runAndKill(importArgs(ws), () -> -1, -1, delay);
            long instancesAtKill = WorkspaceState.countReadOnly(ws, "instances");
            List<String> afterKill = WorkspaceState.problems(ws, WorkspaceState.Strictness.AFTER_KILL);
            TrustFixtures.Run rerun = TrustFixtures.cli(importArgs(ws));
            List<String> resumed = WorkspaceState.problems(ws, WorkspaceState.Strictness.RESUMED);
            boolean same = WorkspaceState.canonical(ws).equals(importedState);
            report.add(String.format("import trial %2d: kill at %4d ms (%s), %d instances committed; after kill %s; rerun exit %d, %s, %s", t, delay,
                    k.finishedFirst ? "had finished" : "killed", instancesAtKill, afterKill.isEmpty() ? "sound" : afterKill,
                    rerun.exitCode(), resumed.isEmpty() ? "sound" : resumed, same ? "equal to clean run" : "DIFFERS from clean run"));
            if (afterKill.isEmpty() && rerun.exitCode() == 0 && resumed.isEmpty() && same) {
                survived++;
            }
        }
        report.forEach(System.out::println);
        System.out.printf("import: %d/%d kill trials survived (clean child run %d ms)%n", survived, trials, cleanMillis);
        assertThat(survived).as(String.join("\n", report)).isEqualTo(trials);
    }

    @Test
    void killedInferenceRunsResumeWithoutDuplicatesOrLostResults() throws Exception {
        Path clean = copyOfImported("infer-clean");
        TrustFixtures.Run first = TrustFixtures.cli(inferArgs(clean));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        List<String> cleanState = WorkspaceState.canonical(clean);
        assertThat(cleanState).filteredOn(l -> l.startsWith("prediction")).hasSize(STUDIES);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        List<String> report = new ArrayList<>();
        int survived = 0;
        for (int t = 0; t < trials; t++) {
            Path ws = copyOfImported("infer-" + t);
            long k = rnd.nextLong(STUDIES);
            long extra = rnd.nextLong(21);
            Kill kill = runAndKill(inferArgs(ws), () -> WorkspaceState.countReadOnly(ws, "predictions"), k, extra);
            long atKill = WorkspaceState.countReadOnly(ws, "predictions");
            List<String> afterKill = WorkspaceState.problems(ws, WorkspaceState.Strictness.AFTER_KILL);
            TrustFixtures.Run rerun = TrustFixtures.cli(inferArgs(ws));
            String counts = rerun.exitCode() == 0 ? org.glassbox.app.cli.Json.mapper().readTree(rerun.out()).path("counts").toString() : rerun.toString();
            List<String> resumed = WorkspaceState.problems(ws, WorkspaceState.Strictness.RESUMED);
            boolean same = WorkspaceState.canonical(ws).equals(cleanState);
            report.add(String.format("infer trial %2d: kill at >= %3d predictions + %2d ms (%s), %d committed; after kill %s; rerun exit %d %s, %s, %s", t,
                    k, extra, kill.finishedFirst ? "had finished" : "killed", atKill, afterKill.isEmpty() ? "sound" : afterKill, rerun.exitCode(),
                    counts, resumed.isEmpty() ? "sound" : resumed, same ? "equal to clean run" : "DIFFERS from clean run"));
            if (afterKill.isEmpty() && rerun.exitCode() == 0 && resumed.isEmpty() && same) {
                survived++;
            }
        }
        report.forEach(System.out::println);
        System.out.printf("infer: %d/%d kill trials survived%n", survived, trials);
        assertThat(survived).as(String.join("\n", report)).isEqualTo(trials);
    }

    /** A new workspace folder holding the reference workspace's key, so pseudonyms and UIDs match the clean run. */
    private Path freshWorkspaceSharingTheKey(String name) throws Exception {
        Path ws = dir.resolve(name);
        Files.createDirectories(ws);
        Files.copy(reference.resolve("secret.key"), ws.resolve("secret.key"));
        return ws;
    }

    /** The reference workspace after import (its catalog and key; catalogued files stay where they are). */
    private Path copyOfImported(String name) throws Exception {
        Path ws = freshWorkspaceSharingTheKey(name);
        for (String f : new String[] {"catalog.sqlite", "catalog.sqlite-wal"}) {
            if (Files.exists(reference.resolve(f))) {
                Files.copy(reference.resolve(f), ws.resolve(f));
            }
        }
        return ws;
    }

    private long timeChildRun(Path ws, String[] args) throws Exception {
        Files.createDirectories(ws);
        Files.copy(reference.resolve("secret.key"), ws.resolve("secret.key"));
        long t0 = System.nanoTime();
        Process p = ChildJvm.cli(List.of(), args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private record Kill(boolean finishedFirst) {
    }

    /**
     * Starts the child; once {@code progress} reports at least {@code threshold} (immediately when
     * the threshold is negative) waits {@code delayMillis} more, then SIGKILLs it.
     */
    private static Kill runAndKill(String[] args, LongSupplier progress, long threshold, long delayMillis) throws Exception {
        Process p = ChildJvm.cli(List.of(), args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        if (threshold >= 0) {
            while (p.isAlive() && progress.getAsLong() < threshold && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }
        if (delayMillis > 0) {
            p.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        }
        boolean finished = !p.isAlive();
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Kill(finished);
    }
}
