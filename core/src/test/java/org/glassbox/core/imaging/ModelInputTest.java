package org.glassbox.core.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;

/** The documented order of steps, on frames small enough to compute by hand. */
class ModelInputTest {

    private static FramePixels grey(String photometric, int rows, int columns, int... samples) {
        return new FramePixels(new PixelDescription(rows, columns, 1, 1, 16, 12, 11, false, photometric), 0, samples);
    }

    private static PresentationParameters params(List<VoiChoice> choices, boolean mono1) {
        return new PresentationParameters(new ModalityTransform.Rescale(2, -100), "HU", choices, null, mono1, List.of());
    }

    @Test
    void wholeChainByHand() {
        // stored 4x4; rescale 2s - 100; explicit LINEAR window c=100 w=201 maps modality x to (x - 99.5)/200 + 0.5
        int[] s = {50, 100, 150, 200, 50, 100, 150, 200, 100, 100, 100, 100, 150, 150, 150, 150};
        FramePixels f = grey("MONOCHROME2", 4, 4, s);
        ModelInputSpec spec = new ModelInputSpec(ModelInputSpec.Windowing.explicit(100, 201), -1024, 1024,
                new ModelInputSpec.Resize(2, ResizeFilter.AREA, false), 0, 3,
                new ModelInputSpec.Normalisation(List.of(0.0, 10.0, -512.0), List.of(1.0, 2.0, 512.0)));
        PlanarImage out = ModelInput.prepare(spec, params(List.of(), false), f);
        assertThat(out.channels()).isEqualTo(3);
        assertThat(out.height()).isEqualTo(2);
        assertThat(out.width()).isEqualTo(2);
        // each 2x2 block: area mean of the per-pixel values (windowing and scaling are applied first)
        double[][] block = {{50, 100, 50, 100}, {150, 200, 150, 200}, {100, 100, 150, 150}, {100, 100, 150, 150}};
        for (int b = 0; b < 4; b++) {
            double sum = 0;
            for (double stored : block[b]) {
                double x = 2 * stored - 100;
                double unit = Math.min(1, Math.max(0, (x - 99.5) / 200 + 0.5));
                sum += -1024 + 2048 * unit;
            }
            double v = sum / 4;
            int y = b / 2;
            int xx = b % 2;
            assertThat((double) out.get(0, y, xx)).isCloseTo(v, within(1e-3));
            assertThat((double) out.get(1, y, xx)).isCloseTo((v - 10) / 2, within(1e-3));
            assertThat((double) out.get(2, y, xx)).isCloseTo((v + 512) / 512, within(1e-5));
        }
    }

    @Test
    void monochrome1IsInvertedAsDisplayedAndMinMaxStretches() {
        FramePixels f = grey("MONOCHROME1", 1, 3, 10, 20, 30);
        ModelInputSpec spec = new ModelInputSpec(ModelInputSpec.Windowing.minMax(), 0, 1, null, 0, 1, null);
        assertThat(ModelInput.prepare(spec, params(List.of(), true), f).data()).containsExactly(1f, 0.5f, 0f);
    }

    @Test
    void dicomVoiUsesTheFilesFirstWindow() {
        FramePixels f = grey("MONOCHROME2", 1, 2, 100, 150);
        // modality 100 and 200; window c=150 w=101: 100 -> (100 - 149.5)/100 + 0.5 = 0.005, 200 -> 1
        PresentationParameters p = params(List.of(new VoiChoice(Window.linear(150, 101), null)), false);
        ModelInputSpec spec = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1, null, 0, 1, null);
        assertThat(ModelInput.prepare(spec, p, f).data()).containsExactly(0.005f, 1f);
        // and the same through ImagePresentation, as the viewer renders it
        assertThat(ImagePresentation.toUnit(p, ImagePresentation.DEFAULT_VOI, f)).containsExactly(0.005f, 1f);
    }

    @Test
    void shorterSideThenCentreCropRoundsLikeTorchvision() {
        // 2 x 5 frame, shorter side -> 4 gives 4 x 10 (int(4 * 5 / 2)); crop 3: top round(0.5) = 0, left round(3.5) = 4
        assertThat(ModelInput.resizedSize(new ModelInputSpec.Resize(4, ResizeFilter.BILINEAR, true), 2, 5)).containsExactly(4, 10);
        assertThat(ModelInput.resizedSize(new ModelInputSpec.Resize(224, ResizeFilter.BILINEAR, true), 3000, 2500)).containsExactly(268, 224);
        float[] v = new float[4 * 10];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        PlanarImage crop = ModelInput.centreCrop(new PlanarImage(1, 4, 10, v), 3);
        assertThat(crop.data()).containsExactly(4, 5, 6, 14, 15, 16, 24, 25, 26);
        assertThatThrownBy(() -> ModelInput.centreCrop(new PlanarImage(1, 4, 10, v), 5)).hasMessageContaining("smaller than the 5x5");
    }

    @Test
    void colourFramesBecomePlanesAndAreRefusedByGreyModels() {
        FramePixels rgb = new FramePixels(new PixelDescription(1, 2, 1, 3, 8, 8, 7, false, "RGB"), 0, new int[] {255, 0, 51, 0, 255, 102});
        ModelInputSpec three = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1, null, 0, 3, null);
        assertThat(ModelInput.prepare(three, params(List.of(), false), rgb).data()).containsExactly(1f, 0f, 0f, 1f, 0.2f, 0.4f);
        ModelInputSpec one = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1, null, 0, 1, null);
        assertThatThrownBy(() -> ModelInput.prepare(one, params(List.of(), false), rgb)).hasMessageContaining("colour (RGB)");
    }
}
