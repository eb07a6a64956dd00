package org.glassbox.core.synth;

/**
 * Turns a phantom's attenuation into 12-bit "for presentation" pixel values the way a site's
 * detector and processing would:
 * <ol>
 *   <li>expected primary quanta per pixel {@code N = n0·exp(−L)}, with {@code n0} = fluence × pixel area;</li>
 *   <li>scatter: a constant {@code SPR × mean(N under the body)} (a smooth scatter field, flattened);</li>
 *   <li>detector blur: Gaussian point spread of {@code blurMm};</li>
 *   <li>noise: quantum noise with variance equal to the signal (Poisson, Gaussian approximation)
 *       plus electronic noise of {@code electronicNoise} per native element (binned pixels sum
 *       their elements' variances);</li>
 *   <li>log transform back to a line integral, then the site's logistic contrast curve, 12 bits.</li>
 * </ol>
 * The Gaussian deviates are sums of four uniform 16-bit variates (Irwin–Hall, unit variance, tails
 * cut at ±3.46σ): cheap, and bit-identical on every JVM.
 */
final class DetectorModel {
    /** Largest stored value (12 bits). */
    static final int MAX_VALUE = 4095;
    /** Line integral mapped to the top of the contrast curve's range. */
    static final double L_MAX = 7.0;

    private DetectorModel() {
    }

    /** Stored values, row-major, 0..4095, already inverted for MONOCHROME1 sites. */
    static int[] expose(Phantom p, DetectorProfile d, SynthRandom rng) {
        ImageGeometry g = p.geometry();
        float[] att = p.attenuation();
        int n = g.pixels();
        double n0 = d.photonsPerMm2() * g.spacingMm() * g.spacingMm();
        double binned = (g.spacingMm() * g.spacingMm()) / (g.nativeSpacingMm() * g.nativeSpacingMm());
        double electronicVar = d.electronicNoise() * d.electronicNoise() * Math.max(1.0, binned);

        float[] signal = new float[n];
        double bodySum = 0;
        long bodyCount = 0;
        for (int i = 0; i < n; i++) {
            double s = n0 * StrictMath.exp(-att[i]);
            signal[i] = (float) s;
            if (att[i] > 1.0) {
                bodySum += s;
                bodyCount++;
            }
        }
        float scatter = (float) (bodyCount == 0 ? 0 : d.scatterFraction() * bodySum / bodyCount);
        double sigmaPx = d.blurMm() / g.spacingMm();
        if (sigmaPx >= 0.3) {
            GaussianBlur.apply(signal, g.rows(), g.columns(), sigmaPx);
        }
        ContrastCurve curve = new ContrastCurve(d.contrastSlope(), d.contrastCenter());
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double mean = signal[i] + scatter;
            double measured = mean + StrictMath.sqrt(mean + electronicVar) * irwinHall(rng.nextLong());
            double l = -StrictMath.log(Math.max(measured, 0.5) / n0);
            int v = curve.stored(l);
            out[i] = d.monochrome1() ? MAX_VALUE - v : v;
        }
        return out;
    }

    /** Sum of the four 16-bit quarters of {@code bits} as uniforms, centred and scaled to unit variance. */
    static double irwinHall(long bits) {
        long a = bits & 0xFFFF;
        long b = (bits >>> 16) & 0xFFFF;
        long c = (bits >>> 32) & 0xFFFF;
        long e = (bits >>> 48) & 0xFFFF;
        double sum = (a + b + c + e + 2) / 65536.0; // four uniforms in (0, 1)
        return (sum - 2.0) * 1.7320508075688772; // var(sum) = 4/12 → × sqrt(3)
    }

    /**
     * The site's tone curve: a logistic in the line integral L, normalised so L = 0 maps to 0 and
     * L = {@link #L_MAX} to 4095 (higher attenuation = brighter for MONOCHROME2).
     */
    record ContrastCurve(double slope, double centre) {
        double normalised(double l) {
            double lo = logistic(0);
            double hi = logistic(L_MAX);
            return (logistic(Math.max(0, Math.min(L_MAX, l))) - lo) / (hi - lo);
        }

        int stored(double l) {
            return (int) Math.round(MAX_VALUE * normalised(l));
        }

        private double logistic(double l) {
            return 1.0 / (1.0 + StrictMath.exp(-slope * (l - centre)));
        }
    }
}
