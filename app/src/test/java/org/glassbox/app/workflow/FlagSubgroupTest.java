package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlagSubgroupTest {
    @Test
    void acceptsKnownAttributesInTheirForms() {
        assertThat(FlagSubgroup.problem(null)).isNull();
        assertThat(FlagSubgroup.problem("  ")).isNull();
        assertThat(FlagSubgroup.problem("sex=F*age_band=60-79*site=1a2b3c4d")).isNull();
        assertThat(FlagSubgroup.problem("age_band=80+")).isNull();
        assertThat(FlagSubgroup.problem("manufacturer=GE MEDICAL SYSTEMS*model=Discovery XR656*view=PA*modality=DX")).isNull();
        assertThat(FlagSubgroup.parse("sex=M * view=AP")).containsExactly(java.util.Map.entry("sex", "M"), java.util.Map.entry("view", "AP"));
    }

    @Test
    void refusesFreeTextUnknownAttributesRepeatsAndOddValues() {
        assertThat(FlagSubgroup.problem("women over 60")).contains("attribute=value");
        assertThat(FlagSubgroup.problem("patient=Jane Doe")).contains("one of sex, age_band, site, manufacturer, model, view, modality")
                .doesNotContain("Jane");
        assertThat(FlagSubgroup.problem("sex=F*sex=M")).contains("names sex twice");
        assertThat(FlagSubgroup.problem("sex=Jane Doe")).contains("sex value").doesNotContain("Jane");
        assertThat(FlagSubgroup.problem("site=St Mary's Hospital")).contains("site value");
        assertThat(FlagSubgroup.problem("age_band=born 1960-03-04")).contains("age_band value");
        assertThat(FlagSubgroup.problem("model=/home/jdoe/x.npy")).contains("model value");
        assertThat(FlagSubgroup.problem("sex=F*")).isNotNull();
        assertThat(FlagSubgroup.problem("sex=")).contains("sex value");
        assertThatThrownBy(() -> FlagSubgroup.parse("name=x")).isInstanceOf(IllegalArgumentException.class);
    }
}
