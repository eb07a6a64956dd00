package org.glassbox.core.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** PS3.3 C.11.2.1.2.1 worked examples (8-bit output, 0..255) and hand-computed cases. */
class WindowTest {

    @Test
    void standardExampleWidthOneCentreZero() {
        Window w = Window.linear(0, 1);
        assertThat(w.apply(-0.5, 0, 255)).isEqualTo(0);
        assertThat(w.apply(-1, 0, 255)).isEqualTo(0);
        assertThat(w.apply(-0.49, 0, 255)).isEqualTo(255);
        assertThat(w.apply(0, 0, 255)).isEqualTo(255);
    }

    @Test
    void standardExampleWidth4096Centre2048() {
        Window w = Window.linear(2048, 4096);
        assertThat(w.apply(0, 0, 255)).isEqualTo(0);
        assertThat(w.apply(-10, 0, 255)).isEqualTo(0);
        assertThat(w.apply(4095, 0, 255)).isCloseTo(255, within(1e-9));
        assertThat(w.apply(4096, 0, 255)).isEqualTo(255);
        assertThat(w.apply(2047.5, 0, 255)).isCloseTo(127.5, within(1e-9));
        // hand: x = 1 -> ((1 - 2047.5)/4095 + 0.5) * 255 = 0.06227...
        assertThat(w.apply(1, 0, 255)).isCloseTo((1 - 2047.5) / 4095 * 255 + 127.5, within(1e-9));
    }

    @Test
    void linearHandComputed() {
        // c = 40, w = 400 (a CT soft-tissue window), output 0..1: bounds at 39.5 -/+ 199.5
        Window w = Window.linear(40, 400);
        assertThat(w.toUnit(-160)).isEqualTo(0);
        assertThat(w.toUnit(-159.9)).isCloseTo(0.1 / 399, within(1e-12));
        assertThat(w.toUnit(239)).isEqualTo(1);
        assertThat(w.toUnit(239.5)).isEqualTo(1);
    }

    @Test
    void linearExactHandComputed() {
        Window w = new Window(0, 2, VoiLutFunction.LINEAR_EXACT);
        assertThat(w.apply(-1, 0, 255)).isEqualTo(0);
        assertThat(w.apply(-0.5, 0, 255)).isCloseTo(63.75, within(1e-12));
        assertThat(w.apply(0, 0, 255)).isCloseTo(127.5, within(1e-12));
        assertThat(w.apply(1, 0, 255)).isEqualTo(255);
        assertThat(w.apply(2, 0, 255)).isEqualTo(255);
        // a width below 1 is legal for LINEAR_EXACT, not for LINEAR
        assertThat(new Window(0, 0.5, VoiLutFunction.LINEAR_EXACT).toUnit(0.125)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void sigmoidHandComputed() {
        Window w = new Window(100, 50, VoiLutFunction.SIGMOID);
        assertThat(w.apply(100, 0, 255)).isCloseTo(127.5, within(1e-12));
        assertThat(w.toUnit(125)).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12)); // 0.880797
        assertThat(w.toUnit(75)).isCloseTo(1 / (1 + Math.exp(2)), within(1e-12));
        assertThat(w.toUnit(1e9)).isCloseTo(1, within(1e-12));
    }

    @Test
    void invalidWidthsAndFunctions() {
        assertThatThrownBy(() -> Window.linear(0, 0.5)).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> new Window(0, 0, VoiLutFunction.SIGMOID)).hasMessageContaining("> 0");
        assertThatThrownBy(() -> new Window(Double.NaN, 1, null)).hasMessageContaining("finite");
        assertThat(VoiLutFunction.parse(null)).isEqualTo(VoiLutFunction.LINEAR);
        assertThat(VoiLutFunction.parse("SIGMOID ")).isEqualTo(VoiLutFunction.SIGMOID);
        assertThatThrownBy(() -> VoiLutFunction.parse("GAMMA")).hasMessageContaining("GAMMA");
    }
}
