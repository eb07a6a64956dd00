package org.glassbox.explain.attribution.segmentation;

import org.glassbox.core.ai.Tensor;

/**
 * A regular grid of {@code rows × columns} cells; cell boundaries at round(i·H/rows) so cells differ
 * by at most one pixel. Label = row·columns + column.
 */
public record GridSegmenter(int rows, int columns) implements Segmenter {

    public GridSegmenter {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a grid needs at least 1×1 cells, got " + rows + "×" + columns);
        }
    }

    /** The most square grid with about {@code cells} cells for an H × W image. */
    public static GridSegmenter about(int cells, int height, int width) {
        int rows = (int) Math.max(1, Math.round(Math.sqrt(cells * (double) height / width)));
        int columns = (int) Math.max(1, Math.round((double) cells / rows));
        return new GridSegmenter(Math.min(rows, height), Math.min(columns, width));
    }

    @Override
    public Segmentation segment(Tensor image) {
        int h = image.dim(image.rank() - 2);
        int w = image.dim(image.rank() - 1);
        if (rows > h || columns > w) {
            throw new IllegalArgumentException("a " + rows + "×" + columns + " grid does not fit a " + h + "×" + w + " image");
        }
        int[] labels = new int[h * w];
        for (int y = 0; y < h; y++) {
            int row = (int) ((long) y * rows / h);
            for (int x = 0; x < w; x++) {
                labels[y * w + x] = row * columns + (int) ((long) x * columns / w);
            }
        }
        return new Segmentation(h, w, labels);
    }

    @Override
    public String describe() {
        return "grid(" + rows + "x" + columns + ")";
    }
}
