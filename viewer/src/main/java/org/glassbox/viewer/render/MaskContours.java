package org.glassbox.viewer.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Outlines of a binary mask (ground-truth finding masks) along the pixel-edge grid: each returned
 * segment runs along a boundary between pixels inside and pixels outside (collinear unit edges
 * merged into one segment), in
 * image coordinates (pixel (x, y) covers [x, x+1) × [y, y+1)), so the outline hugs the pixels exactly
 * at any zoom. The viewer strokes them; a mask cell of {@code true} (or a value &gt; 0.5) is inside.
 */
public final class MaskContours {
    private MaskContours() {
    }

    /** A boundary segment from (x1, y1) to (x2, y2), image coordinates. */
    public record Segment(double x1, double y1, double x2, double y2) {
    }

    /**
     * @param mask row-major {@code height × width}, values &gt; 0.5 inside
     * @throws IllegalArgumentException when the size disagrees
     */
    public static List<Segment> of(float[] mask, int height, int width) {
        if ((long) height * width != mask.length) {
            throw new IllegalArgumentException("a " + height + "×" + width + " mask needs " + (long) height * width
                    + " values, got " + mask.length);
        }
        List<Segment> segments = new ArrayList<>();
        // Horizontal edges: between row y-1 and row y (y = 0..height), merged along x into runs.
        for (int y = 0; y <= height; y++) {
            int runStart = -1;
            for (int x = 0; x <= width; x++) {
                boolean edge = x < width && inside(mask, width, height, x, y - 1) != inside(mask, width, height, x, y);
                if (edge && runStart < 0) {
                    runStart = x;
                } else if (!edge && runStart >= 0) {
                    segments.add(new Segment(runStart, y, x, y));
                    runStart = -1;
                }
            }
        }
        // Vertical edges: between column x-1 and column x, merged along y.
        for (int x = 0; x <= width; x++) {
            int runStart = -1;
            for (int y = 0; y <= height; y++) {
                boolean edge = y < height && inside(mask, width, height, x - 1, y) != inside(mask, width, height, x, y);
                if (edge && runStart < 0) {
                    runStart = y;
                } else if (!edge && runStart >= 0) {
                    segments.add(new Segment(x, runStart, x, y));
                    runStart = -1;
                }
            }
        }
        return segments;
    }

    private static boolean inside(float[] mask, int width, int height, int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] > 0.5f;
    }
}
