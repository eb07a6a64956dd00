package org.glassbox.core.synth;

/**
 * A normal distribution of age in years truncated to [min, max] (redrawn until inside).
 *
 * @param mean years
 * @param sd   years, &ge; 0
 * @param min  years, &ge; 18
 * @param max  years, &le; 100, &gt; min
 */
public record AgeDistribution(double mean, double sd, int min, int max) {
    public AgeDistribution {
        if (!(sd >= 0) || min < 18 || max > 100 || max <= min || !(mean >= min && mean <= max)) {
            throw new IllegalArgumentException("invalid age distribution: mean " + mean + ", sd " + sd + ", range [" + min + ", " + max + "]");
        }
    }

    /** Whole years drawn from this distribution. */
    int draw(SynthRandom rng) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            double a = mean + sd * rng.gaussian();
            if (a >= min && a < max + 1) {
                return (int) Math.floor(a);
            }
        }
        return (int) Math.round(mean);
    }
}
