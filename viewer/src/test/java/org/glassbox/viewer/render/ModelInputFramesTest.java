package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.ResizeFilter;
import org.glassbox.core.model.FramePixels;
import org.junit.jupiter.api.Test;

/** "What the model saw": model inputs rendered through the ordinary grey renderer. */
class ModelInputFramesTest {
    private static final ModelInputSpec UNIT = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1,
            new ModelInputSpec.Resize(4, ResizeFilter.AREA, false), 0, 1, null);

    private static int[] render(ModelInputFrames.DisplayFrame f) {
        int w = f.frame().columns();
        int h = f.frame().rows();
        int[] out = new int[w * h];
        // One-to-one viewport: screen pixel (x, y) is input pixel (x, y).
        new GreyRenderer().render(f.frame(), null, f.pipeline().resolvedFor(f.frame()), new Viewport(w, h, 1, w / 2.0, h / 2.0), out);
        return out;
    }

    private static int grey(int argb) {
        assertThat(argb >>> 24).isEqualTo(0xFF);
        int r = (argb >> 16) & 0xFF;
        assertThat(argb & 0xFF).isEqualTo(r);
        return r;
    }

    @Test
    void aUnitRangeInputShowsZeroBlackOneWhiteAndLinearBetween() {
        float[] input = {0f, 0.25f, 0.5f, 1f};
        int[] out = render(ModelInputFrames.of(input, 1, 1, 4, UNIT));
        assertThat(grey(out[0])).isZero();
        assertThat(grey(out[3])).isEqualTo(255);
        // round(255 × v) within one display step (16-bit quantisation, then the 8-bit display)
        assertThat(grey(out[1])).isBetween(63, 65);
        assertThat(grey(out[2])).isBetween(127, 129);
    }

    @Test
    void outOfRangeValuesClampAndNaNIsTheLowEnd() {
        int[] out = render(ModelInputFrames.of(new float[] {-3f, 7f, Float.NaN}, 1, 1, 3, UNIT));
        assertThat(grey(out[0])).isZero();
        assertThat(grey(out[1])).isEqualTo(255);
        assertThat(grey(out[2])).isZero();
    }

    @Test
    void normalisedInputsUseTheNormalisedRangeOfEachChannel() {
        // ImageNet-style: [0, 1] scaled, then (x − 0.5) / 0.25 → range [−2, 2]; the mean (0) is mid-grey.
        ModelInputSpec spec = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1, null, 0, 3,
                new ModelInputSpec.Normalisation(List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25)));
        assertThat(ModelInputFrames.range(spec, 0)).containsExactly(-2.0, 2.0);
        float[] replicated = {-2f, 0f, 2f, -2f, 0f, 2f, -2f, 0f, 2f};
        ModelInputFrames.DisplayFrame f = ModelInputFrames.of(replicated, 3, 1, 3, spec);
        assertThat(f.frame().description().samplesPerPixel()).isEqualTo(1); // identical channels show as grey
        int[] out = render(f);
        assertThat(grey(out[0])).isZero();
        assertThat(grey(out[1])).isBetween(127, 128);
        assertThat(grey(out[2])).isEqualTo(255);
    }

    @Test
    void threeDistinctChannelsShowAsColour() {
        ModelInputSpec rgb = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1, null, 0, 3, null);
        float[] planes = {1f, 0f, 0f}; // R = 1, G = 0, B = 0 for the single pixel
        ModelInputFrames.DisplayFrame f = ModelInputFrames.of(planes, 3, 1, 1, rgb);
        FramePixels frame = f.frame();
        assertThat(frame.description().photometricInterpretation()).isEqualTo("RGB");
        assertThat(render(f)[0]).isEqualTo(0xFFFF0000);
    }

    @Test
    void sizesThatDisagreeAreRefused() {
        assertThatThrownBy(() -> ModelInputFrames.of(new float[5], 1, 2, 3, UNIT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 6 values");
        assertThatThrownBy(() -> ModelInputFrames.of(new float[8], 2, 2, 2, UNIT)).hasMessageContaining("1 or 3 channels");
    }
}
