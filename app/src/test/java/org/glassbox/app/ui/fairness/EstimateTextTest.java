package org.glassbox.app.ui.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.Estimate;
import org.glassbox.explain.fairness.Metric;
import org.junit.jupiter.api.Test;

class EstimateTextTest {
    @Test
    void valuesWithAndWithoutIntervalsAndUndefinedOnes() {
        assertThat(EstimateText.value(new Estimate(0.81234, 0.75, 0.8699, 40, null))).isEqualTo("0.812 [0.750, 0.870]");
        assertThat(EstimateText.value(Estimate.point(0.1, 40))).isEqualTo("0.100");
        assertThat(EstimateText.value(Estimate.undefined(3, "no negatives in subgroup"))).isEqualTo("—");
        assertThat(EstimateText.value(null)).isEqualTo("—");
        assertThat(EstimateText.p(0.0004)).isEqualTo("<0.001");
        assertThat(EstimateText.p(0.0123)).isEqualTo("0.012");
        assertThat(EstimateText.p(Double.NaN)).isEqualTo("—");
    }

    @Test
    void tooltipsGiveTheReasonAndTheDisparity() {
        assertThat(EstimateText.tooltip(Estimate.undefined(3, "no negatives in subgroup"), null)).isEqualTo("undefined: no negatives in subgroup");
        assertThat(EstimateText.tooltip(Estimate.point(0.5, 10), null)).isNull();
        Disparity d = new Disparity("F", "M", Metric.TPR, new Estimate(-0.2, -0.35, -0.05, 90, null), new Estimate(0.75, 0.6, 0.93, 90, null),
                0.004, 0.02, true);
        assertThat(EstimateText.tooltip(new Estimate(0.6, 0.5, 0.7, 45, "fewer than 30 positives"), d))
                .isEqualTo("fewer than 30 positives\n⚑ flagged disparity vs M (reference)\ngap -0.200 [-0.350, -0.050], ratio 0.750 [0.600, 0.930]"
                        + "\np 0.004, Holm p 0.020");
    }
}
