package org.glassbox.viewer.render;

import java.util.stream.IntStream;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * Renders a frame into a viewport-sized ARGB buffer: each screen pixel takes the image pixel its
 * centre falls on (nearest neighbour — exact pixels when magnified, as radiologists expect), through
 * a {@link DisplayLut}. Only the visible part is computed, so the cost follows the view, not the
 * image. Rows are split across the common fork-join pool. Outside the image: the background colour.
 */
public final class GreyRenderer {
    /** Opaque black: what lies beyond the image. */
    public static final int BACKGROUND = 0xFF000000;

    private static final int ROWS_PER_TASK = 64;

    /**
     * @param lut  the display table (BitsStored ≤ 16); null for colour or deeper frames, which take
     *             {@code pipeline} per pixel instead
     * @param out  viewWidth × viewHeight ARGB, row-major, overwritten
     */
    public void render(FramePixels frame, DisplayLut lut, GreyscalePipeline pipeline, Viewport viewport, int[] out) {
        int vw = viewport.viewWidth();
        int vh = viewport.viewHeight();
        if (out.length != vw * vh) {
            throw new IllegalArgumentException("output holds " + out.length + " pixels, view is " + vw + "×" + vh);
        }
        int[] columns = sourceIndices(viewport, vw, frame.columns(), true);
        int[] rows = sourceIndices(viewport, vh, frame.rows(), false);
        PixelDescription d = frame.description();
        int tasks = (vh + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(task -> {
            int from = task * ROWS_PER_TASK;
            int to = Math.min(vh, from + ROWS_PER_TASK);
            for (int sy = from; sy < to; sy++) {
                int row = rows[sy];
                int o = sy * vw;
                if (row < 0) {
                    java.util.Arrays.fill(out, o, o + vw, BACKGROUND);
                } else if (lut != null) {
                    renderGreyRow(frame, lut, row * frame.columns(), columns, out, o);
                } else {
                    renderDirectRow(frame, d, pipeline, row, columns, out, o);
                }
            }
        });
    }

    private static void renderGreyRow(FramePixels frame, DisplayLut lut, int rowBase, int[] columns, int[] out, int o) {
        int[] table = lut.table();
        int min = lut.minStored();
        int last = table.length - 1;
        for (int sx = 0; sx < columns.length; sx++) {
            int c = columns[sx];
            if (c < 0) {
                out[o + sx] = BACKGROUND;
            } else {
                int i = frame.sample(rowBase + c) - min;
                out[o + sx] = table[i < 0 ? 0 : (i > last ? last : i)];
            }
        }
    }

    private static void renderDirectRow(FramePixels frame, PixelDescription d, GreyscalePipeline pipeline, int row,
                                        int[] columns, int[] out, int o) {
        int spp = d.samplesPerPixel();
        double max = d.bitsStored() >= 31 ? Integer.MAX_VALUE : (1L << d.bitsStored()) - 1;
        for (int sx = 0; sx < columns.length; sx++) {
            int c = columns[sx];
            if (c < 0) {
                out[o + sx] = BACKGROUND;
            } else if (spp == 1) {
                out[o + sx] = DisplayLut.grey(Math.round(pipeline.toUnit(frame.sample(row * frame.columns() + c)) * 255f));
            } else {
                int base = (row * frame.columns() + c) * spp;
                int r = channel(frame.sample(base), max);
                int g = channel(frame.sample(base + 1), max);
                int b = channel(frame.sample(base + 2), max);
                out[o + sx] = 0xFF000000 | (r << 16) | (g << 8) | b;
            }
        }
    }

    private static int channel(int sample, double max) {
        return (int) Math.round(Math.min(1, Math.max(0, sample / max)) * 255);
    }

    /** For each screen column (or row), the image column (row) under its centre, or -1 outside the image. */
    static int[] sourceIndices(Viewport viewport, int screenSize, int imageSize, boolean horizontal) {
        int[] idx = new int[screenSize];
        for (int s = 0; s < screenSize; s++) {
            double image = horizontal ? viewport.imageX(s + 0.5) : viewport.imageY(s + 0.5);
            int i = (int) Math.floor(image);
            idx[s] = i >= 0 && i < imageSize ? i : -1;
        }
        return idx;
    }
}
