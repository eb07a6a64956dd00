package org.glassbox.inference.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/** What the engine reads from {@code model_config} before DL4J sees the file. */
class KerasModelConfigTest {
    private static String functional(String dataFormat, String inputShape) {
        return "{\"class_name\": \"Functional\", \"keras_version\": \"2.4.0\", \"config\": {\"name\": \"m\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": " + inputShape + ", \"name\": \"in\"}},"
                + "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"data_format\": \"" + dataFormat + "\"}}]}}";
    }

    @Test
    void channelsLastInputMapsDescriptorCHWToKerasHWC() {
        KerasModelConfig c = KerasModelConfig.parse(functional("channels_last", "[null, 12, 10, 3]"));
        assertThat(c.className()).isEqualTo("Functional");
        assertThat(c.sequential()).isFalse();
        assertThat(c.kerasVersion()).isEqualTo("2.4.0");
        assertThat(c.channelsLast()).isTrue();
        assertThat(c.inputShape()).containsExactly(12, 10, 3);
        InputType t = c.inputType(List.of(3, 12, 10));
        assertThat(t).isEqualTo(InputType.convolutional(12, 10, 3, CNN2DFormat.NHWC));
        assertThatThrownBy(() -> c.inputType(List.of(3, 10, 12))).hasMessageContaining("[3, 10, 12]").hasMessageContaining("[12, 10, 3]");
    }

    @Test
    void channelsFirstAndFreeDimensions() {
        KerasModelConfig c = KerasModelConfig.parse(functional("channels_first", "[null, 1, null, null]"));
        assertThat(c.channelsLast()).isFalse();
        assertThat(c.inputShape()).containsExactly(1, -1, -1);
        assertThat(c.inputType(List.of(1, 64, 48))).isEqualTo(InputType.convolutional(64, 48, 1, CNN2DFormat.NCHW));
        assertThatThrownBy(() -> c.inputType(List.of(3, 64, 48))).hasMessageContaining("does not match");
    }

    @Test
    void oldSequentialListConfigWithoutDataFormatDefaultsToChannelsLast() {
        KerasModelConfig c = KerasModelConfig.parse("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\","
                + " \"config\": {\"batch_input_shape\": [null, 8], \"units\": 2}}]}");
        assertThat(c.sequential()).isTrue();
        assertThat(c.kerasVersion()).isEqualTo("unknown");
        assertThat(c.channelsLast()).isTrue();
        assertThat(c.inputType(List.of(8))).isEqualTo(InputType.feedForward(8));
        assertThatThrownBy(() -> c.inputType(List.of(1, 8, 8))).hasMessageContaining("does not match");
    }

    @Test
    void refusesWhatItCannotHandle() {
        assertThatThrownBy(() -> KerasModelConfig.parse("{not json")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> KerasModelConfig.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> KerasModelConfig.parse("{\"class_name\": \"MyModel\", \"config\": {\"layers\": [{}]}}"))
                .hasMessageContaining("model class 'MyModel' is not supported");
        assertThatThrownBy(() -> KerasModelConfig.parse("{\"class_name\": \"Functional\", \"config\": {\"layers\": []}}"))
                .hasMessageContaining("lists no layers");
        String mixed = "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"config\": {\"data_format\": \"channels_last\"}},"
                + " {\"config\": {\"data_format\": \"channels_first\"}}]}}";
        assertThatThrownBy(() -> KerasModelConfig.parse(mixed)).hasMessageContaining("mix image data formats");
        KerasModelConfig c = KerasModelConfig.parse(functional("channels_last", "[null, 4, 4, 1]"));
        assertThatThrownBy(() -> c.inputType(List.of(1, 4))).hasMessageContaining("not supported for Keras models");
    }
}
