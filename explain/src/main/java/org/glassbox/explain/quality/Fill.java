package org.glassbox.explain.quality;

import java.util.Locale;

/**
 * What replaces a removed pixel in the deletion/insertion curves (Petsiuk et al. 2018, RISE): a
 * blurred copy of the image, each channel's mean, or zero.
 */
public enum Fill {
    /** A Gaussian blur of the image (σ = {@link PerturbationCurves#DEFAULT_BLUR_SIGMA_FRACTION} of the width). */
    BLUR,
    /** The channel's mean over the image. */
    MEAN,
    /** 0 in model-input units. */
    ZERO;

    /** @throws IllegalArgumentException naming the known fills */
    public static Fill parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fill '" + name + "'; known: blur, mean, zero");
        }
    }

    /** The filled image for {@code image} (C × H × W, row-major), a new array. */
    float[] filled(float[] image, int channels, int height, int width, double blurSigma) {
        int area = height * width;
        float[] out = new float[image.length];
        switch (this) {
            case ZERO -> {
                // already zero
            }
            case MEAN -> {
                for (int c = 0; c < channels; c++) {
                    double s = 0;
                    for (int p = 0; p < area; p++) {
                        s += image[c * area + p];
                    }
                    java.util.Arrays.fill(out, c * area, (c + 1) * area, (float) (s / area));
                }
            }
            case BLUR -> {
                for (int c = 0; c < channels; c++) {
                    float[] plane = java.util.Arrays.copyOfRange(image, c * area, (c + 1) * area);
                    System.arraycopy(GaussianBlur.blur(plane, height, width, blurSigma), 0, out, c * area, area);
                }
            }
        }
        return out;
    }
}
