package org.glassbox.viewer.render;

/**
 * Where an image sits in a view: {@code zoom} screen pixels per image pixel and the image point
 * ({@code centerX}, {@code centerY}, in image pixels, continuous coordinates with pixel (0,0)
 * covering [0,1)²) that appears at the centre of the {@code viewWidth × viewHeight} view.
 * Immutable; every navigation returns a new viewport, so panes can share one to stay in sync.
 */
public record Viewport(int viewWidth, int viewHeight, double zoom, double centerX, double centerY) {
    public static final double MIN_ZOOM = 0.02;
    public static final double MAX_ZOOM = 64;

    public Viewport {
        if (viewWidth < 1 || viewHeight < 1) {
            throw new IllegalArgumentException("view must be at least 1×1, got " + viewWidth + "×" + viewHeight);
        }
        if (!(zoom > 0) || Double.isInfinite(zoom)) {
            throw new IllegalArgumentException("zoom must be positive and finite, got " + zoom);
        }
    }

    /** The whole image, as large as the view allows, centred. */
    public static Viewport fit(int imageWidth, int imageHeight, int viewWidth, int viewHeight) {
        double zoom = Math.min((double) viewWidth / imageWidth, (double) viewHeight / imageHeight);
        return new Viewport(viewWidth, viewHeight, clamp(zoom), imageWidth / 2.0, imageHeight / 2.0);
    }

    /** One image pixel per screen pixel, keeping the centre. */
    public Viewport oneToOne() {
        return new Viewport(viewWidth, viewHeight, 1, centerX, centerY);
    }

    /** Zooms by {@code factor} keeping the image point under screen point (sx, sy) where it is (ctrl+wheel). */
    public Viewport zoomAbout(double factor, double sx, double sy) {
        double ix = imageX(sx);
        double iy = imageY(sy);
        double z = clamp(zoom * factor);
        return new Viewport(viewWidth, viewHeight, z, ix - (sx - viewWidth / 2.0) / z, iy - (sy - viewHeight / 2.0) / z);
    }

    /** Moves the image with the pointer by (dx, dy) screen pixels. */
    public Viewport panBy(double dx, double dy) {
        return new Viewport(viewWidth, viewHeight, zoom, centerX - dx / zoom, centerY - dy / zoom);
    }

    /** Same zoom and centre in a view of another size (window resize). */
    public Viewport resized(int width, int height) {
        return new Viewport(width, height, zoom, centerX, centerY);
    }

    /** Image x under screen x (continuous). */
    public double imageX(double sx) {
        return (sx - viewWidth / 2.0) / zoom + centerX;
    }

    public double imageY(double sy) {
        return (sy - viewHeight / 2.0) / zoom + centerY;
    }

    /** Screen x of image x (continuous). */
    public double screenX(double ix) {
        return (ix - centerX) * zoom + viewWidth / 2.0;
    }

    public double screenY(double iy) {
        return (iy - centerY) * zoom + viewHeight / 2.0;
    }

    private static double clamp(double zoom) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
    }
}
