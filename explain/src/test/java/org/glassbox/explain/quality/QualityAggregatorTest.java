package org.glassbox.explain.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QualityAggregatorTest {

    private static QualityRecord rec(String method, String sex, double pointing) {
        return new QualityRecord(method, "nodule", Map.of("sex", sex), Map.of("pointing", pointing));
    }

    @Test
    void meansPerMethodLabelAndSubgroupSkipUndefinedValues() {
        List<QualityRecord> records = List.of(rec("gradcam", "F", 1), rec("gradcam", "F", 0), rec("gradcam", "M", 1),
                rec("gradcam", "M", Double.NaN), new QualityRecord("gradcam", "nodule", Map.of(), Map.of("pointing", 1.0)),
                rec("ig", "F", 0));
        List<AggregateRow> rows = new QualityAggregator(200, 0.95, 1).aggregate(records, List.of("sex"));
        assertThat(rows).extracting(r -> r.method() + "/" + r.attribute() + "=" + r.group() + ":" + r.n() + ":" + r.mean())
                .containsExactly("gradcam/all=all:4:0.75", "gradcam/sex=F:2:0.5", "gradcam/sex=M:1:1.0", "gradcam/sex=unknown:1:1.0",
                        "ig/all=all:1:0.0", "ig/sex=F:1:0.0");
        AggregateRow single = rows.get(2);
        assertThat(single.ciLow()).isNaN();
        assertThat(rows.get(0).ciLow()).isBetween(0.0, 0.75);
        assertThat(rows.get(0).ciHigh()).isBetween(0.75, 1.0);
    }

    @Test
    void theBootstrapIntervalCoversTheNormalApproximation() {
        // mean of 400 N(0,1) draws: the 95 % interval is about ±1.96/√400 = ±0.098 around the sample mean
        Random r = new Random(5);
        List<QualityRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(new QualityRecord("m", "l", Map.of(), Map.of("x", r.nextGaussian())));
        }
        AggregateRow row = new QualityAggregator(4000, 0.95, 2).aggregate(records, List.of()).get(0);
        double sd = Math.sqrt(records.stream().mapToDouble(q -> Math.pow(q.metrics().get("x") - row.mean(), 2)).sum() / 399);
        double half = 1.96 * sd / 20;
        assertThat(row.ciLow()).isCloseTo(row.mean() - half, within(0.015));
        assertThat(row.ciHigh()).isCloseTo(row.mean() + half, within(0.015));
        // same seed, same interval
        assertThat(new QualityAggregator(4000, 0.95, 2).aggregate(records, List.of()).get(0)).isEqualTo(row);
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        // numpy.quantile([1, 2, 3, 4], 0.25) == 1.75
        assertThat(QualityAggregator.quantile(new double[] {1, 2, 3, 4}, 0.25)).isEqualTo(1.75);
    }
}
