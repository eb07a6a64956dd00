package org.glassbox.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.glassbox.core.ai.Tensor;
import org.glassbox.explain.ExplainSettings;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.testing.LinearModel;
import org.junit.jupiter.api.Test;

class OcclusionTest {

    @Test
    void onALinearModelTheMapIsTheMeanHandComputedDropOfTheCoveringWindows() {
        LinearModel model = new LinearModel(2, 7, 7, 2, 3);
        Tensor image = Images.random(2, 7, 7, 5);
        float fill = 0.25f;
        Explanation e = new Occlusion(model, Occlusion.Options.fromMap(Map.of("window", "3", "stride", "3", "fill", "0.25",
                "output", "logit"))).explain(image, 1, ExplainSettings.defaults().withBatchSize(4));
        // starts 0, 3 and the border start 4 on each axis
        int[] starts = {0, 3, 4};
        assertThat(e.featureMap().height()).isEqualTo(3);
        assertThat(e.featureMap().width()).isEqualTo(3);
        double[][] drop = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int c = 0; c < 2; c++) {
                    for (int y = starts[i]; y < starts[i] + 3; y++) {
                        for (int x = starts[j]; x < starts[j] + 3; x++) {
                            int p = (c * 7 + y) * 7 + x;
                            drop[i][j] += model.weight(1, p) * (image.get(p) - fill);
                        }
                    }
                }
                assertThat((double) e.featureMap().get(i, j)).isCloseTo(drop[i][j], within(1e-4));
            }
        }
        // pixel (4, 1): rows 3 and 4 cover y = 4; column window 0 covers x = 1
        assertThat((double) e.imageMap().get(4, 1)).isCloseTo((drop[1][0] + drop[2][0]) / 2, within(1e-4));
        // pixel (0, 6): row 0, columns 4 only
        assertThat((double) e.imageMap().get(0, 6)).isCloseTo(drop[0][2], within(1e-4));
        assertThat(e.modelEvaluations()).isEqualTo(11);
    }

    @Test
    void refusesAWindowLargerThanTheImageAndBadOptions() {
        Occlusion big = new Occlusion(new LinearModel(1, 6, 6, 1, 1), Occlusion.Options.fromMap(Map.of("window", "7")));
        assertThatThrownBy(() -> big.explain(Images.random(1, 6, 6, 1), 0, ExplainSettings.defaults()))
                .hasMessageContaining("window 7");
        assertThatThrownBy(() -> Occlusion.Options.fromMap(Map.of("stride", "0"))).hasMessageContaining("stride=0");
        assertThatThrownBy(() -> Occlusion.Options.fromMap(Map.of("fill", "NaN"))).hasMessageContaining("fill=NaN");
        assertThatThrownBy(() -> Occlusion.Options.fromMap(Map.of("size", "3"))).hasMessageContaining("unknown option [size]");
    }
}
