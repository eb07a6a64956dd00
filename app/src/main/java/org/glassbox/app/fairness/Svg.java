package org.glassbox.app.fairness;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal SVG builder for inline charts: shapes and text in user units, every text and attribute
 * value escaped ({@link Markup#escape}), so the output is a well-formed XML fragment whatever the
 * subgroup names. Not thread-safe; one chart per instance.
 */
final class Svg {
    private final double width;
    private final double height;
    private final String title;
    private final List<String> body = new ArrayList<>();

    /**
     * @param width  view box width (user units, rendered as CSS pixels)
     * @param height view box height
     * @param title  accessible title (escaped)
     */
    Svg(double width, double height, String title) {
        this.width = width;
        this.height = height;
        this.title = title;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed) {
        body.add("<line x1=\"" + Markup.coord(x1) + "\" y1=\"" + Markup.coord(y1) + "\" x2=\"" + Markup.coord(x2) + "\" y2=\"" + Markup.coord(y2)
                + "\" stroke=\"" + Markup.escape(stroke) + "\" stroke-width=\"" + Markup.coord(strokeWidth) + "\""
                + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String stroke) {
        body.add("<rect x=\"" + Markup.coord(x) + "\" y=\"" + Markup.coord(y) + "\" width=\"" + Markup.coord(Math.max(0, w)) + "\" height=\""
                + Markup.coord(Math.max(0, h)) + "\" fill=\"" + Markup.escape(fill) + "\" stroke=\"" + Markup.escape(stroke) + "\"/>");
        return this;
    }

    /** A circle with a hover tooltip ({@code <title>}). */
    Svg circle(double cx, double cy, double r, String fill, String tooltip) {
        // The tooltip wraps the circle in a group (<g><title/><circle/></g>): simple SVG renderers skip shapes with children.
        String circle = "<circle cx=\"" + Markup.coord(cx) + "\" cy=\"" + Markup.coord(cy) + "\" r=\"" + Markup.coord(r) + "\" fill=\""
                + Markup.escape(fill) + "\"/>";
        body.add(tooltip == null ? circle : "<g><title>" + Markup.escape(tooltip) + "</title>" + circle + "</g>");
        return this;
    }

    /** An open polyline through (xs[i], ys[i]). */
    Svg polyline(double[] xs, double[] ys, String stroke, double strokeWidth, String tooltip) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            points.append(i == 0 ? "" : " ").append(Markup.coord(xs[i])).append(',').append(Markup.coord(ys[i]));
        }
        body.add("<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + Markup.escape(stroke) + "\" stroke-width=\""
                + Markup.coord(strokeWidth) + "\"/>");
        if (tooltip != null) {
            String line = body.remove(body.size() - 1);
            body.add("<g><title>" + Markup.escape(tooltip) + "</title>" + line + "</g>");
        }
        return this;
    }

    /**
     * Text at (x, y).
     *
     * @param anchor start, middle or end
     */
    Svg text(double x, double y, String text, String anchor, double size, String fill) {
        body.add("<text x=\"" + Markup.coord(x) + "\" y=\"" + Markup.coord(y) + "\" text-anchor=\"" + Markup.escape(anchor) + "\" font-size=\""
                + Markup.coord(size) + "\" fill=\"" + Markup.escape(fill) + "\">" + Markup.escape(text) + "</text>");
        return this;
    }

    /** The fragment: an {@code <svg>} element with the SVG namespace, role img and a title. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(Markup.coord(width)).append(' ').append(Markup.coord(height))
                .append("\" width=\"").append(Markup.coord(width)).append("\" height=\"").append(Markup.coord(height))
                .append("\" role=\"img\" font-family=\"sans-serif\"><title>").append(Markup.escape(title)).append("</title>");
        body.forEach(b::append);
        return b.append("</svg>").toString();
    }
}
