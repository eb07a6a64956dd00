package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;

class GreyRendererTest {

    private static FramePixels frame(int rows, int columns, int bits, boolean signed, String photometric, long seed) {
        PixelDescription d = new PixelDescription(rows, columns, 1, 1, 16, bits, bits - 1, signed, photometric);
        Random r = new Random(seed);
        int[] samples = new int[rows * columns];
        int min = signed ? -(1 << (bits - 1)) : 0;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = min + r.nextInt(1 << bits);
        }
        return new FramePixels(d, 0, samples);
    }

    @Test
    void atOneToOneEveryPixelIsWhatThePreprocessingPathGives() {
        FramePixels f = frame(37, 53, 12, false, "MONOCHROME2", 1);
        GreyscalePipeline p = new GreyscalePipeline(new ModalityTransform.Rescale(1, -1024), Window.linear(400, 1500), false);
        int[] out = render(f, p, new Viewport(53, 37, 1, 26.5, 18.5));
        byte[] expected = p.to8Bit(f); // core's own table path, computed independently of the viewer's LUT
        for (int i = 0; i < expected.length; i++) {
            int g = expected[i] & 0xFF;
            assertThat(out[i]).as("pixel %d", i).isEqualTo(0xFF000000 | g << 16 | g << 8 | g);
        }
    }

    @Test
    void monochrome1AndSignedPixelsFollowThePipeline() {
        FramePixels f = frame(20, 30, 16, true, "MONOCHROME1", 2);
        GreyscalePipeline p = GreyscalePipeline.of(ModalityTransform.IDENTITY, null, "MONOCHROME1").resolvedFor(f);
        int[] out = render(f, p, new Viewport(30, 20, 1, 15, 10));
        byte[] expected = GreyscalePipeline.of(ModalityTransform.IDENTITY, null, "MONOCHROME1").to8Bit(f);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i] & 0xFF).isEqualTo(expected[i] & 0xFF);
        }
        // MONOCHROME1: the smallest stored value is displayed white.
        int argmin = 0;
        for (int i = 1; i < f.length(); i++) {
            if (f.sample(i) < f.sample(argmin)) {
                argmin = i;
            }
        }
        assertThat(out[argmin] & 0xFF).isEqualTo(255);
    }

    @Test
    void magnifiedPixelsAreBlocksAndOutsideIsBackground() {
        FramePixels f = frame(4, 4, 8, false, "MONOCHROME2", 3);
        GreyscalePipeline p = new GreyscalePipeline(ModalityTransform.IDENTITY, Window.linear(128, 256), false);
        // zoom 3, image centre at view centre: 12×12 image area inside a 20×16 view
        int[] out = render(f, p, new Viewport(20, 16, 3, 2, 2));
        byte[] grey = p.to8Bit(f);
        for (int sy = 0; sy < 16; sy++) {
            for (int sx = 0; sx < 20; sx++) {
                int ix = Math.floorDiv(sx - 4, 3);
                int iy = Math.floorDiv(sy - 2, 3);
                int expected = ix < 0 || iy < 0 || ix >= 4 || iy >= 4 ? GreyRenderer.BACKGROUND
                        : DisplayLut.grey(grey[iy * 4 + ix] & 0xFF);
                assertThat(out[sy * 20 + sx]).as("screen (%d,%d)", sx, sy).isEqualTo(expected);
            }
        }
    }

    @Test
    void colourFramesRenderTheirSamples() {
        PixelDescription d = new PixelDescription(1, 2, 1, 3, 8, 8, 7, false, "RGB");
        FramePixels f = new FramePixels(d, 0, new int[] {255, 0, 0, 10, 20, 30});
        int[] out = new int[2];
        new GreyRenderer().render(f, null, GreyscalePipeline.of(ModalityTransform.IDENTITY, null, "RGB"), new Viewport(2, 1, 1, 1, 0.5), out);
        assertThat(out).containsExactly(0xFFFF0000, 0xFF0A141E);
    }

    private static int[] render(FramePixels f, GreyscalePipeline p, Viewport v) {
        int[] out = new int[v.viewWidth() * v.viewHeight()];
        new GreyRenderer().render(f, DisplayLut.of(p.resolvedFor(f), f.description()), p.resolvedFor(f), v, out);
        return out;
    }
}
