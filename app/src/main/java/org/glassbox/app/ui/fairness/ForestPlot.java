package org.glassbox.app.ui.fairness;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.Metric;

/**
 * A forest plot of one metric per subgroup: a dot at the estimate, a whisker over its CI, a dashed
 * reference line at the reference subgroup's value, flagged subgroups in red with {@value EstimateText#FLAG}.
 * The x axis is the metric's range [0, 1]. Clicking a row reports that row. Drawn on a canvas that
 * follows the region's size; colours for the dark theme.
 */
public final class ForestPlot extends Region {
    static final double ROW_HEIGHT = 24;
    static final double TOP = 28;
    static final double LABEL_WIDTH = 190;
    static final double VALUE_WIDTH = 170;
    private static final Color TEXT = Color.web("#d8d8d8");
    private static final Color MUTED = Color.web("#8a8f98");
    private static final Color POINT = Color.web("#56B4E9");
    private static final Color FLAGGED = Color.web("#ff6b6b");
    private static final Color REFERENCE = Color.web("#E69F00");

    private final Canvas canvas = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private List<SubgroupRow> rows = List.of();
    private Metric metric = Metric.AUC;
    private Consumer<SubgroupRow> onRowClicked = r -> {
    };

    public ForestPlot() {
        getChildren().add(canvas);
        setMinHeight(120);
        canvas.setOnMouseClicked(e -> {
            int i = rowAt(e.getY());
            if (i >= 0 && i < rows.size()) {
                onRowClicked.accept(rows.get(i));
            }
        });
        canvas.setOnMouseMoved(e -> {
            int i = rowAt(e.getY());
            if (i >= 0 && i < rows.size()) {
                SubgroupRow r = rows.get(i);
                String tip = EstimateText.tooltip(r.metric(metric), r.disparity(metric));
                tooltip.setText(r.describe() + ": " + EstimateText.value(r.metric(metric)) + (tip == null ? "" : "\n" + tip)
                        + "\nclick: show these cases");
                Tooltip.install(canvas, tooltip);
            } else {
                Tooltip.uninstall(canvas, tooltip);
            }
        });
    }

    /** The row under canvas y coordinate {@code y}, or -1 above the first row. */
    static int rowAt(double y) {
        return y < TOP ? -1 : (int) ((y - TOP) / ROW_HEIGHT);
    }

    public void setOnRowClicked(Consumer<SubgroupRow> handler) {
        onRowClicked = handler;
    }

    /** Shows {@code metric} for these rows (the whole cohort first, then the subgroups of one grouping). */
    public void show(List<SubgroupRow> newRows, Metric newMetric) {
        rows = List.copyOf(newRows);
        metric = newMetric;
        double h = TOP + ROW_HEIGHT * rows.size() + 24;
        setPrefHeight(h);
        setMinHeight(h);
        requestLayout();
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(300, getWidth()));
        canvas.setHeight(Math.max(getMinHeight(), getHeight()));
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.CENTER);
        double x0 = LABEL_WIDTH;
        double x1 = Math.max(x0 + 50, w - VALUE_WIDTH);
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(metric.key().toUpperCase(java.util.Locale.ROOT) + " per subgroup (95% CI)", 4, 12);
        double bottom = TOP + ROW_HEIGHT * rows.size();
        g.setStroke(MUTED);
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.CENTER);
        for (int t = 0; t <= 4; t++) {
            double x = x0 + (x1 - x0) * t / 4.0;
            g.strokeLine(x, bottom, x, bottom + 4);
            g.setFill(MUTED);
            g.fillText(String.format(java.util.Locale.ROOT, "%.2f", t / 4.0), x, bottom + 12);
        }
        g.strokeLine(x0, bottom, x1, bottom);
        SubgroupRow ref = rows.stream().filter(SubgroupRow::reference).findFirst().orElse(rows.isEmpty() ? null : rows.get(0));
        if (ref != null && ref.metric(metric) != null && ref.metric(metric).isDefined()) {
            double xr = x(ref.metric(metric).value(), x0, x1);
            g.setStroke(REFERENCE);
            g.setLineDashes(5, 4);
            g.strokeLine(xr, TOP - 4, xr, bottom);
            g.setLineDashes(null);
        }
        for (int i = 0; i < rows.size(); i++) {
            SubgroupRow r = rows.get(i);
            double y = TOP + ROW_HEIGHT * (i + 0.5);
            Estimate e = r.metric(metric);
            Disparity d = r.disparity(metric);
            boolean flagged = d != null && d.flagged();
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(flagged ? FLAGGED : r.reference() ? REFERENCE : TEXT);
            String name = (flagged ? EstimateText.FLAG + " " : "") + (r.grouping() == null ? "all cases" : r.subgroup()) + (r.reference() ? " (ref)" : "")
                    + "  n=" + r.result().n();
            g.fillText(name, 4, y);
            g.setFill(e != null && e.isDefined() ? TEXT : MUTED);
            g.fillText(EstimateText.value(e), x1 + 8, y);
            if (e == null || !e.isDefined()) {
                continue;
            }
            Color c = flagged ? FLAGGED : POINT;
            g.setStroke(c);
            g.setLineWidth(2);
            if (!Double.isNaN(e.ciLower())) {
                g.strokeLine(x(e.ciLower(), x0, x1), y, x(e.ciUpper(), x0, x1), y);
            }
            g.setFill(c);
            double px = x(e.value(), x0, x1);
            if (r.grouping() == null) {
                g.fillPolygon(new double[] {px - 6, px, px + 6, px}, new double[] {y, y - 6, y, y + 6}, 4);
            } else {
                g.fillOval(px - 4, y - 4, 8, 8);
            }
        }
    }

    private static double x(double v, double x0, double x1) {
        return x0 + (x1 - x0) * Math.max(0, Math.min(1, v));
    }
}
