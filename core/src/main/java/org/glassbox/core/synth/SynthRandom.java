package org.glassbox.core.synth;

import java.util.SplittableRandom;

/**
 * A seeded random stream whose every output is bit-reproducible on any JVM: it builds on
 * {@link SplittableRandom} (whose algorithm is specified) and uses {@link StrictMath} for the
 * Gaussian, never the platform-dependent {@link Math} intrinsics.
 *
 * <p>Streams are derived from (seed, case index, purpose), so every case can be generated on any
 * thread in any order and still give the same bytes.
 */
final class SynthRandom {
    private final SplittableRandom random;

    private SynthRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The stream for one purpose of one case of a cohort generated with {@code seed}. */
    static SynthRandom of(long seed, long caseIndex, int purpose) {
        long s = mix(seed) ^ mix(caseIndex * 0x9E3779B97F4A7C15L + purpose);
        return new SynthRandom(mix(s + 0x632BE59BD9B4E019L));
    }

    /** Stafford variant 13 of the 64-bit finaliser (as in SplitMix64). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [0, bound). */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    long nextLong() {
        return random.nextLong();
    }

    /** True with probability {@code p}. */
    boolean bernoulli(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal by the Box–Muller transform with StrictMath (reproducible everywhere). */
    double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Normal with mean and standard deviation, clamped to [lo, hi]. */
    double normal(double mean, double sd, double lo, double hi) {
        return Math.max(lo, Math.min(hi, mean + sd * gaussian()));
    }
}
