package org.glassbox.explain.attribution.segmentation;

import boofcv.abst.segmentation.ImageSuperpixels;
import boofcv.factory.segmentation.ConfigSlic;
import boofcv.factory.segmentation.FactoryImageSegmentation;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;
import org.glassbox.core.ai.Tensor;

/**
 * SLIC superpixels (Achanta et al. 2012) by BoofCV. The model-input image is first stretched to
 * [0, 255] over its own min–max (all channels together), so that BoofCV's spatial weight means the same
 * for [0, 1]-scaled and normalised models; a constant image becomes one grey level. BoofCV merges
 * regions smaller than half the nominal size, so the count is near, not equal to, {@code regions}.
 *
 * @param regions       target number of superpixels, ≥ 1
 * @param compactness   BoofCV's spatial weight m (colour vs distance; larger = more square), &gt; 0;
 *                      BoofCV's default is 200 for 8-bit intensities
 */
public record SlicSegmenter(int regions, float compactness) implements Segmenter {
    public static final float DEFAULT_COMPACTNESS = 200f;
    // BoofCV's SLIC needs a border of 2 pixels around each seed
    private static final int MIN_SIDE = 4;

    public SlicSegmenter {
        if (regions < 1) {
            throw new IllegalArgumentException("slic: at least 1 region, got " + regions);
        }
        if (!(compactness > 0) || !Float.isFinite(compactness)) {
            throw new IllegalArgumentException("slic: compactness must be positive, got " + compactness);
        }
    }

    @Override
    public Segmentation segment(Tensor image) {
        int channels = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        if (h < MIN_SIDE || w < MIN_SIDE) {
            throw new IllegalArgumentException("slic: image " + h + "×" + w + " is too small (at least " + MIN_SIDE + "×" + MIN_SIDE + ")");
        }
        int usable = (h - 4) * (w - 4);
        if (regions > usable) {
            throw new IllegalArgumentException("slic: " + regions + " regions do not fit a " + h + "×" + w + " image");
        }
        float[] x = stretched(image.data());
        int area = h * w;
        ConfigSlic config = new ConfigSlic(regions, compactness);
        GrayS32 output = new GrayS32(w, h);
        if (channels == 1) {
            GrayF32 gray = new GrayF32(w, h);
            System.arraycopy(x, 0, gray.data, 0, area);
            ImageSuperpixels<GrayF32> slic = FactoryImageSegmentation.slic(config, ImageType.single(GrayF32.class));
            slic.segment(gray, output);
        } else {
            Planar<GrayF32> planar = new Planar<>(GrayF32.class, w, h, channels);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(x, c * area, planar.getBand(c).data, 0, area);
            }
            ImageSuperpixels<Planar<GrayF32>> slic = FactoryImageSegmentation.slic(config, ImageType.pl(channels, GrayF32.class));
            slic.segment(planar, output);
        }
        int[] labels = new int[area];
        for (int y = 0; y < h; y++) {
            System.arraycopy(output.data, output.startIndex + y * output.stride, labels, y * w, w);
        }
        return new Segmentation(h, w, labels);
    }

    @Override
    public String describe() {
        return "slic(" + regions + ",compactness=" + compactness + ")";
    }

    private static float[] stretched(float[] x) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float scale = max > min ? 255f / (max - min) : 0f;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Float.isFinite(x[i]) ? (x[i] - min) * scale : 0f;
        }
        return out;
    }
}
