package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.ImagePresentation;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.imaging.VoiChoice;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;

/** MONOCHROME1 through the path the case viewer takes: the file's presentation → pipeline → display table → renderer. */
class Monochrome1DisplayTest {
    private static int[] show(boolean monochrome1, List<VoiChoice> voi) {
        PixelDescription d = new PixelDescription(1, 3, 1, 1, 16, 12, 11, false, monochrome1 ? "MONOCHROME1" : "MONOCHROME2");
        FramePixels f = new FramePixels(d, 0, new int[] {0, 2048, 4095});
        PresentationParameters p = new PresentationParameters(ModalityTransform.IDENTITY, null, voi, null, monochrome1, List.of());
        GreyscalePipeline pipeline = ImagePresentation.of(p).resolvedFor(f);
        int[] out = new int[3];
        new GreyRenderer().render(f, DisplayLut.of(pipeline, d), pipeline, new Viewport(3, 1, 1, 1.5, 0.5), out);
        return out;
    }

    @Test
    void theMinimumIsWhiteAndTheMaximumBlack() {
        int[] m1 = show(true, List.of());
        assertThat(m1[0]).isEqualTo(0xFFFFFFFF);
        assertThat(m1[2]).isEqualTo(0xFF000000);
        int[] m2 = show(false, List.of());
        assertThat(m2[0]).isEqualTo(0xFF000000);
        assertThat(m2[2]).isEqualTo(0xFFFFFFFF);
        // Mid-grey stays mid-grey either way: the inversion is 1 − v, once.
        assertThat((m1[1] & 0xFF) + (m2[1] & 0xFF)).isEqualTo(255);
    }

    @Test
    void theFilesWindowIsAppliedBeforeTheInversion() {
        // Window [1024, 3072): 0 is below it (black before inversion → white), 4095 above (→ black).
        List<VoiChoice> window = List.of(new VoiChoice(Window.linear(2048, 2048), "file window"));
        int[] m1 = show(true, window);
        assertThat(m1[0]).isEqualTo(0xFFFFFFFF);
        assertThat(m1[2]).isEqualTo(0xFF000000);
    }
}
