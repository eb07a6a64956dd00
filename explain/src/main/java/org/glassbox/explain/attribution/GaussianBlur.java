package org.glassbox.explain.attribution;

import boofcv.alg.filter.blur.BlurImageOps;
import boofcv.struct.image.GrayF32;

/** Gaussian blur of each channel of a C × H × W float image, through BoofCV. */
final class GaussianBlur {
    private GaussianBlur() {
    }

    /**
     * @param sigma standard deviation in pixels (&gt; 0); the kernel radius is BoofCV's choice for it
     * @return a new blurred C × H × W array; NaN inputs spread to their neighbourhood
     */
    static float[] blur(float[] chw, int channels, int height, int width, double sigma) {
        int area = height * width;
        float[] out = new float[chw.length];
        GrayF32 input = new GrayF32(width, height);
        GrayF32 output = new GrayF32(width, height);
        GrayF32 storage = new GrayF32(width, height);
        // radius ~3 sigma, but never wider than the image (the renormalised border handles the rest)
        int radius = (int) Math.max(1, Math.min(Math.ceil(3 * sigma), Math.max(height, width)));
        for (int c = 0; c < channels; c++) {
            System.arraycopy(chw, c * area, input.data, 0, area);
            BlurImageOps.gaussian(input, output, sigma, radius, storage);
            System.arraycopy(output.data, 0, out, c * area, area);
        }
        return out;
    }
}
