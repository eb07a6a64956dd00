package org.glassbox.app.ui.fairness;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import org.glassbox.explain.fairness.ReliabilityBin;
import org.glassbox.explain.fairness.RocPoint;

/**
 * Per-subgroup ROC curves and reliability diagrams as JavaFX line charts: one series per subgroup
 * (the whole cohort first), named with n and the AUC, plus the diagonal (chance / perfect calibration).
 */
public final class CurveCharts {
    static final String DIAGONAL = "diagonal";

    private CurveCharts() {
    }

    /** An empty chart with [0, 1] axes. */
    public static LineChart<Number, Number> chart(String id, String title, String x, String y) {
        NumberAxis xa = new NumberAxis(x, 0, 1, 0.2);
        NumberAxis ya = new NumberAxis(y, 0, 1, 0.2);
        LineChart<Number, Number> c = new LineChart<>(xa, ya);
        c.setId(id);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setMinSize(280, 280);
        c.setPrefSize(420, 380);
        return c;
    }

    /** ROC series (FPR, TPR) of each row, then the chance diagonal. */
    public static List<XYChart.Series<Number, Number>> roc(List<SubgroupRow> rows) {
        List<XYChart.Series<Number, Number>> out = new ArrayList<>();
        for (SubgroupRow r : rows) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name(r) + " AUC " + EstimateText.num(r.result().aucDeLong().value()));
            for (RocPoint p : r.result().roc()) {
                s.getData().add(new XYChart.Data<>(p.fpr(), p.tpr()));
            }
            out.add(s);
        }
        out.add(diagonal());
        return out;
    }

    /** Reliability series (mean score, observed rate) per equal-mass bin of each row, then the diagonal. */
    public static List<XYChart.Series<Number, Number>> reliability(List<SubgroupRow> rows) {
        List<XYChart.Series<Number, Number>> out = new ArrayList<>();
        for (SubgroupRow r : rows) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name(r) + " ECE " + EstimateText.num(r.metric(org.glassbox.explain.fairness.Metric.ECE).value()));
            for (ReliabilityBin b : r.result().reliability()) {
                s.getData().add(new XYChart.Data<>(b.meanScore(), b.observedRate()));
            }
            out.add(s);
        }
        out.add(diagonal());
        return out;
    }

    private static String name(SubgroupRow r) {
        return (r.grouping() == null ? "all" : r.subgroup()) + " (n=" + r.result().n() + ")";
    }

    private static XYChart.Series<Number, Number> diagonal() {
        XYChart.Series<Number, Number> d = new XYChart.Series<>();
        d.setName(DIAGONAL);
        d.getData().add(new XYChart.Data<>(0, 0));
        d.getData().add(new XYChart.Data<>(1, 1));
        return d;
    }
}
