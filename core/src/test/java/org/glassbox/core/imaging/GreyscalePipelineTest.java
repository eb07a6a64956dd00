package org.glassbox.core.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;

class GreyscalePipelineTest {

    private static FramePixels frame(int bitsAllocated, int bitsStored, boolean signed, String photometric, int... samples) {
        PixelDescription d = new PixelDescription(1, samples.length, 1, 1, bitsAllocated, bitsStored, bitsStored - 1, signed, photometric);
        return new FramePixels(d, 0, samples);
    }

    @Test
    void rescaleThenWindow() {
        // CT-like: stored 0..4095, slope 1, intercept -1024; window c=40 w=400
        FramePixels f = frame(16, 12, false, "MONOCHROME2", 0, 1024, 1064, 864, 4095);
        GreyscalePipeline p = GreyscalePipeline.of(new ModalityTransform.Rescale(1, -1024), Window.linear(40, 400), "MONOCHROME2");
        float[] u = p.toUnit(f);
        Window w = Window.linear(40, 400);
        assertThat(u[0]).isEqualTo(0f);
        assertThat((double) u[1]).isCloseTo(w.toUnit(0), within(1e-6));
        assertThat((double) u[2]).isCloseTo(w.toUnit(40), within(1e-6));
        assertThat((double) u[3]).isCloseTo(w.toUnit(-160), within(1e-6));
        assertThat(u[4]).isEqualTo(1f);
        byte[] b = p.to8Bit(f);
        assertThat(b[0] & 0xFF).isEqualTo(0);
        assertThat(b[4] & 0xFF).isEqualTo(255);
        assertThat(b[2] & 0xFF).isEqualTo(Math.round((float) w.toUnit(40) * 255f));
    }

    @Test
    void monochrome1IsInverted() {
        FramePixels f = frame(8, 8, false, "MONOCHROME1", 0, 255, 64);
        float[] u = GreyscalePipeline.of(ModalityTransform.IDENTITY, new Window(127.5, 255, VoiLutFunction.LINEAR_EXACT), "MONOCHROME1").toUnit(f);
        assertThat(u[0]).isEqualTo(1f);
        assertThat(u[1]).isEqualTo(0f);
        assertThat((double) u[2]).isCloseTo(1 - 64 / 255.0, within(1e-6));
    }

    @Test
    void signedValuesUseTheTable() {
        FramePixels f = frame(16, 16, true, "MONOCHROME2", -32768, -1, 0, 32767);
        float[] u = GreyscalePipeline.of(ModalityTransform.IDENTITY, new Window(-0.5, 65535, VoiLutFunction.LINEAR_EXACT), "MONOCHROME2").toUnit(f);
        assertThat(u[0]).isEqualTo(0f);
        assertThat((double) u[1]).isCloseTo(-0.5 / 65535 + 0.5, within(1e-6));
        assertThat((double) u[3]).isCloseTo(1, within(1e-6));
    }

    @Test
    void tablePathEqualsDirectPath() {
        int[] s = {0, 17, 300, 1000, 2047, 4095};
        GreyscalePipeline p = GreyscalePipeline.of(new ModalityTransform.Rescale(0.5, 3), new Window(500, 700, VoiLutFunction.SIGMOID), "MONOCHROME2");
        float[] viaTable = p.toUnit(frame(16, 12, false, "MONOCHROME2", s));
        float[] direct = p.toUnit(frame(32, 20, false, "MONOCHROME2", s)); // > 16 bits: computed per pixel
        assertThat(viaTable).containsExactly(direct);
    }

    @Test
    void withoutVoiTheFrameIsStretched() {
        FramePixels f = frame(16, 12, false, "MONOCHROME2", 100, 200, 300);
        float[] u = new GreyscalePipeline(ModalityTransform.IDENTITY, null, false).toUnit(f);
        assertThat(u).containsExactly(0f, 0.5f, 1f);
        float[] flat = new GreyscalePipeline(ModalityTransform.IDENTITY, null, false).toUnit(frame(16, 12, false, "MONOCHROME2", 7, 7));
        assertThat(flat).containsExactly(0.5f, 0.5f);
    }

    @Test
    void modalityLutSequenceThenVoiLut() {
        LookupTable modality = LookupTable.fromDescriptor(4, 0, 16, new int[] {0, 100, 200, 300});
        VoiLut voi = new VoiLut(LookupTable.fromDescriptor(2, 100, 8, new int[] {0, 255}));
        float[] u = GreyscalePipeline.of(new ModalityTransform.Table(modality), voi, "MONOCHROME2")
                .toUnit(frame(8, 8, false, "MONOCHROME2", 0, 1, 2, 3, 200));
        assertThat(u).containsExactly(0f, 0f, 1f, 1f, 1f);
    }

    @Test
    void colourIsScaledPerSample() {
        PixelDescription d = new PixelDescription(1, 1, 1, 3, 8, 8, 7, false, "RGB");
        float[] u = new GreyscalePipeline(ModalityTransform.IDENTITY, null, false).toUnit(new FramePixels(d, 0, new int[] {0, 51, 255}));
        assertThat(u).containsExactly(0f, 0.2f, 1f);
    }
}
