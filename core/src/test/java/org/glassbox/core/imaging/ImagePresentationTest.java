package org.glassbox.core.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;

class ImagePresentationTest {
    private static final VoiChoice WINDOW = new VoiChoice(Window.linear(150, 101), "W");
    private static final VoiChoice LUT = new VoiChoice(new VoiLut(new LookupTable(100, 8, new int[] {0, 255})), "L");

    private static FramePixels frame(String photometric, int... samples) {
        return new FramePixels(new PixelDescription(1, samples.length, 1, 1, 16, 12, 11, false, photometric), 0, samples);
    }

    private static PresentationParameters params(List<VoiChoice> choices, PresentationLutShape shape, boolean mono1) {
        return new PresentationParameters(ModalityTransform.IDENTITY, null, choices, shape, mono1, List.of());
    }

    @Test
    void defaultIsFirstWindowThenFirstLutThenMinMax() {
        FramePixels f = frame("MONOCHROME2", 100, 101, 200);
        // window c=150 w=101: x <= 99.5 -> 0, x > 199.5 -> 1, 100 -> (100 - 149.5)/100 + 0.5 = 0.005
        assertThat(ImagePresentation.toUnit(params(List.of(WINDOW, LUT), null, false), ImagePresentation.DEFAULT_VOI, f))
                .containsExactly(0.005f, 0.015f, 1f);
        // the LUT: 100 -> entry 0, 101 -> entry 1 (255), 200 -> last entry
        assertThat(ImagePresentation.toUnit(params(List.of(LUT), null, false), ImagePresentation.DEFAULT_VOI, f))
                .containsExactly(0f, 1f, 1f);
        // nothing: min 100 -> 0, max 200 -> 1
        assertThat(ImagePresentation.toUnit(params(List.of(), null, false), ImagePresentation.DEFAULT_VOI, f))
                .containsExactly(0f, 0.01f, 1f);
        assertThat(ImagePresentation.toUnit(params(List.of(WINDOW, LUT), null, false), ImagePresentation.MIN_MAX, f))
                .containsExactly(0f, 0.01f, 1f);
        assertThat(ImagePresentation.toUnit(params(List.of(WINDOW, LUT), null, false), 1, f))
                .containsExactly(0f, 1f, 1f);
    }

    @Test
    void inverseAndMonochrome1InvertOnce() {
        FramePixels f = frame("MONOCHROME2", 100, 200);
        for (PresentationParameters p : List.of(params(List.of(LUT), PresentationLutShape.INVERSE, false),
                params(List.of(LUT), null, true), params(List.of(LUT), PresentationLutShape.INVERSE, true))) {
            assertThat(ImagePresentation.to8Bit(p, 0, f)).containsExactly((byte) 255, (byte) 0);
        }
        assertThat(ImagePresentation.to8Bit(params(List.of(LUT), PresentationLutShape.IDENTITY, false), 0, f))
                .containsExactly((byte) 0, (byte) 255);
    }

    @Test
    void anIndexOutsideTheChoicesIsRefused() {
        assertThatThrownBy(() -> ImagePresentation.of(params(List.of(WINDOW), null, false), 1))
                .hasMessageContaining("VOI index 1 not in [0, 1)");
    }

    @Test
    void minMaxThroughAModalityTableUsesOnlyReachableEntries() {
        // stored 1..2 reach entries 1..2 (values 50, 60); entries 0 and 3 (0 and 1000) are never used.
        LookupTable t = new LookupTable(0, 16, new int[] {0, 50, 60, 1000});
        PresentationParameters p = new PresentationParameters(new ModalityTransform.Table(t), null, List.of(), null, false, List.of());
        assertThat(ImagePresentation.toUnit(p, ImagePresentation.DEFAULT_VOI, frame("MONOCHROME2", 1, 2))).containsExactly(0f, 1f);
    }
}
