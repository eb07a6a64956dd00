package org.glassbox.explain.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.glassbox.core.task.CancelToken;

/**
 * Runs the stratified bootstrap of several subgroups at once, in parallel over resamples. Resample b
 * of subgroup s draws from its own generator seeded by (seed, stream, s, b), so the result is the
 * same whatever the thread count or the chunking. Each worker owns its scratch arrays.
 */
final class BootstrapRunner {
    private final ForkJoinPool pool;
    private final int parallelism;

    BootstrapRunner(ForkJoinPool pool) {
        this.pool = pool;
        this.parallelism = pool.getParallelism();
    }

    /**
     * @param stream distinguishes independent bootstraps of one audit (label, grouping)
     * @return [subgroup][metric][resample]
     */
    double[][][] run(List<SortedSubgroup> groups, int resamples, long seed, long stream, int bins, CancelToken cancel) {
        int s = groups.size();
        double[][][] out = new double[s][SortedSubgroup.METRICS][resamples];
        if (resamples == 0 || s == 0) {
            return out;
        }
        int maxN = groups.stream().mapToInt(SortedSubgroup::size).max().orElse(0);
        int chunk = Math.max(1, resamples / (parallelism * 8));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int start = 0; start < resamples; start += chunk) {
            int from = start;
            int to = Math.min(resamples, start + chunk);
            tasks.add(() -> {
                if (cancel.isCancelled()) {
                    return null;
                }
                int[] weights = new int[maxN];
                double[] values = new double[SortedSubgroup.METRICS];
                double[] scratch = new double[3 * bins];
                for (int b = from; b < to; b++) {
                    for (int g = 0; g < s; g++) {
                        SortedSubgroup group = groups.get(g);
                        group.resample(new SplittableRandom(seedFor(seed, stream, g, b)), weights);
                        group.evaluate(weights, bins, values, scratch);
                        for (int m = 0; m < values.length; m++) {
                            out[g][m][b] = values[m];
                        }
                    }
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("bootstrap interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("bootstrap failed: " + e.getCause(), e.getCause());
        }
        if (cancel.isCancelled()) {
            throw new CancellationException("audit cancelled");
        }
        return out;
    }

    /** SplitMix64 finaliser over the four coordinates: well-spread, independent seeds. */
    static long seedFor(long seed, long stream, int group, int resample) {
        long h = seed;
        h = mix(h + 0x9E3779B97F4A7C15L * (stream + 1));
        h = mix(h + 0x9E3779B97F4A7C15L * (group + 1));
        h = mix(h + 0x9E3779B97F4A7C15L * (resample + 1L));
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
