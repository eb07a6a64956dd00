package org.glassbox.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.glassbox.explain.testing.TinyConvNet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExplainersTest {

    @ParameterizedTest
    @EnumSource(value = ExplanationMethod.class, names = {"INTEGRATED_GRADIENTS", "EXPECTED_GRADIENTS", "KERNEL_SHAP",
            "PARTITION_SHAP", "OCCLUSION"})
    void createsTheAttributionMethodsFromDefaultsAndRefusesUnknownOptions(ExplanationMethod method) {
        TinyConvNet net = new TinyConvNet(1, 32, 32, 3, 2, 2, 1);
        Explainer explainer = Explainers.create(method, net, Map.of());
        assertThat(explainer.method()).isEqualTo(method);
        Explanation e = explainer.explain(org.glassbox.explain.attribution.segmentation.SlicTestImages.gradient(32), 1,
                ExplainSettings.defaults());
        assertThat(e.imageMap().height()).isEqualTo(32);
        assertThat(e.imageMap().values()).doesNotContain(Float.NaN);
        assertThatThrownBy(() -> Explainers.create(method, net, Map.of("bogus", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(method.cliName()).hasMessageContaining("bogus");
    }
}
