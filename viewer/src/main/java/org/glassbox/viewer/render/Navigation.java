package org.glassbox.viewer.render;

/**
 * The part of a {@link Viewport} that linked panes share: zoom and the image point at the centre.
 * Each pane keeps its own size; sharing a Navigation keeps side-by-side panes on the same anatomy.
 */
public record Navigation(double zoom, double centerX, double centerY) {
    public Navigation {
        if (!(zoom > 0) || Double.isInfinite(zoom)) {
            throw new IllegalArgumentException("zoom must be positive and finite, got " + zoom);
        }
    }

    public static Navigation of(Viewport v) {
        return new Navigation(v.zoom(), v.centerX(), v.centerY());
    }

    public Viewport in(int viewWidth, int viewHeight) {
        return new Viewport(viewWidth, viewHeight, zoom, centerX, centerY);
    }
}
