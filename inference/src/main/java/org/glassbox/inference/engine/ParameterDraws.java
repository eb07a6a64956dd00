package org.glassbox.inference.engine;

import java.util.SplittableRandom;

/**
 * How the engines re-draw a parameter tensor for the model-parameter randomisation test (Adebayo et
 * al. 2018): i.i.d. normal values with the tensor's own mean and standard deviation, so the
 * randomised layer keeps its initialisation scale (a conv kernel stays a conv kernel of the same
 * magnitude, a batch-norm scale stays near 1) while losing everything it learned. A constant tensor
 * (standard deviation 0, e.g. a zero bias) is left as it is. Deterministic for a seed.
 */
public final class ParameterDraws {
    private ParameterDraws() {
    }

    /** A fresh array of {@code values.length} draws from N(mean(values), sd(values)). */
    public static float[] redraw(float[] values, SplittableRandom random) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= Math.max(1, values.length);
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0;
        float[] out = values.clone();
        if (sd == 0 || !Double.isFinite(sd)) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + sd * gaussian(random));
        }
        return out;
    }

    /** A standard normal draw (Marsaglia polar method; SplittableRandom has no nextGaussian on JDK 17). */
    private static double gaussian(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
