package org.glassbox.viewer.render;

/** Bilinear sampling of a row-major grid, edge-clamped as PyTorch's {@code interpolate(align_corners=False)} is. */
public final class Bilinear {
    private Bilinear() {
    }

    /**
     * The value at grid coordinate ({@code gx}, {@code gy}), where cell (i, j)'s centre is at (j, i);
     * coordinates beyond the outer centres are clamped to them.
     *
     * @param grid   {@code height × width} values, row-major
     */
    public static double at(float[] grid, int height, int width, double gx, double gy) {
        double x = Math.max(0, Math.min(width - 1, gx));
        double y = Math.max(0, Math.min(height - 1, gy));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = grid[y0 * width + x0] * (1 - fx) + grid[y0 * width + x1] * fx;
        double bottom = grid[y1 * width + x0] * (1 - fx) + grid[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
