package org.glassbox.app.ui.fairness;

import java.util.Locale;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;

/** How the dashboard writes statistics: three decimals, CIs in brackets, "—" for an undefined value. */
public final class EstimateText {
    /** Shown for an undefined (NaN) value; the tooltip gives the reason. */
    public static final String UNDEFINED = "—";
    /** Marks a flagged disparity in a cell. */
    public static final String FLAG = "⚑";

    private EstimateText() {
    }

    /** "0.812 [0.751, 0.870]", "0.812" without an interval, "—" when undefined or null. */
    public static String value(Estimate e) {
        if (e == null || !e.isDefined()) {
            return UNDEFINED;
        }
        return Double.isNaN(e.ciLower()) ? num(e.value()) : num(e.value()) + " [" + num(e.ciLower()) + ", " + num(e.ciUpper()) + "]";
    }

    /** Three decimals; "—" for NaN. */
    public static String num(double v) {
        return Double.isNaN(v) ? UNDEFINED : String.format(Locale.ROOT, "%.3f", v);
    }

    /** p-value: "<0.001" below a thousandth, three decimals otherwise, "—" for NaN. */
    public static String p(double v) {
        if (Double.isNaN(v)) {
            return UNDEFINED;
        }
        return v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * A cell's tooltip: the reason for an undefined value or a warning, then the disparity against the
     * reference (gap and ratio with CIs, Holm p, whether flagged); null when there is nothing to say.
     */
    public static String tooltip(Estimate e, Disparity d) {
        StringBuilder sb = new StringBuilder();
        if (e == null) {
            sb.append("not computed");
        } else if (!e.isDefined()) {
            sb.append("undefined: ").append(e.warning() == null ? "no value" : e.warning());
        } else if (e.warning() != null) {
            sb.append(e.warning());
        }
        if (d != null) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(d.flagged() ? FLAG + " flagged disparity" : "disparity").append(" vs ").append(d.reference()).append(" (reference)")
                    .append("\ngap ").append(value(d.gap())).append(", ratio ").append(value(d.ratio()))
                    .append("\np ").append(p(d.pValue())).append(", Holm p ").append(p(d.pHolm()));
            if (!d.ratio().isDefined() && d.ratio().warning() != null) {
                sb.append("\nratio undefined: ").append(d.ratio().warning());
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
