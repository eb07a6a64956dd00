package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeatmapLayerTest {

    @Test
    void colormapsMatchMatplotlibEnds() {
        assertThat(Colormap.VIRIDIS.argb(0)).isEqualTo(0xFF440154);
        assertThat(Colormap.VIRIDIS.argb(1)).isEqualTo(0xFFFDE725);
        assertThat(Colormap.HOT.argb(1)).isEqualTo(0xFFFFFFFF);
        assertThat(Colormap.JET.argb(0) & 0xFF).isGreaterThan(100); // jet starts dark blue
        assertThat(Colormap.JET.argb(Double.NaN)).isEqualTo(Colormap.JET.argb(0));
    }

    @Test
    void scalingPositiveAbsoluteAndPercentile() {
        float[] v = {-2, 0, 1, 4};
        assertThat(HeatmapLayer.scale(v, HeatmapStyle.Scaling.POSITIVE)).containsExactly(0f, 0f, 0.25f, 1f);
        assertThat(HeatmapLayer.scale(v, HeatmapStyle.Scaling.ABSOLUTE)).containsExactly(0.5f, 0f, 0.25f, 1f);
        float[] many = new float[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i < 990 ? 1 : 1000; // ten extreme pixels
        }
        float[] p = HeatmapLayer.scale(many, HeatmapStyle.Scaling.PERCENTILE_99);
        assertThat(p[0]).isEqualTo(1f); // the 99th percentile is 1: the bulk is not washed out
        assertThat(HeatmapLayer.scale(new float[] {-1, -3}, HeatmapStyle.Scaling.POSITIVE)).containsExactly(0f, 0f);
    }

    @Test
    void signedScalingCentresZeroAndTheDivergingMapIsBlueWhiteRed() {
        // RdBu_r as matplotlib 3.6.3 samples it: dark blue, near-white in the middle, dark red
        assertThat(Colormap.RDBU_R.argb(0)).isEqualTo(0xFF053061);
        assertThat(Colormap.RDBU_R.argb(1)).isEqualTo(0xFF67001F);
        assertThat(Colormap.RDBU_R.argb(128 / 255.0)).isEqualTo(0xFFF7F6F6); // entry 128 of 256
        assertThat(HeatmapLayer.scale(new float[] {-2, 0, 1, 4}, HeatmapStyle.Scaling.SIGNED)).containsExactly(0.25f, 0.5f, 0.625f, 1f);
        assertThat(HeatmapLayer.scale(new float[] {0, 0}, HeatmapStyle.Scaling.SIGNED)).containsExactly(0.5f, 0.5f);
        // threshold 0.5 hides |value| / max < 0.5 of either sign; zero is never drawn
        HeatmapLayer layer = HeatmapLayer.prepare(new float[] {-4, -1, 0, 4}, 1, 4, 4, 1,
                new HeatmapStyle(Colormap.RDBU_R, 1.0, 0.5, 0, HeatmapStyle.Scaling.SIGNED));
        int[] image = new int[4];
        Arrays.fill(image, 0xFF808080);
        layer.composite(new Viewport(4, 1, 1, 2, 0.5), image);
        assertThat(image).containsExactly(Colormap.RDBU_R.argb(0), 0xFF808080, 0xFF808080, Colormap.RDBU_R.argb(1));
    }

    @Test
    void opaqueOverlayShowsTheColourAndThresholdLetsTheImageThrough() {
        // 2×2 map over a 4×4 image; values 0, 1/3, 2/3, 1 after scaling
        float[] map = {0, 1, 2, 3};
        HeatmapLayer layer = HeatmapLayer.prepare(map, 2, 2, 4, 4,
                new HeatmapStyle(Colormap.HOT, 1.0, 0.5, 0, HeatmapStyle.Scaling.POSITIVE));
        int[] image = new int[16];
        Arrays.fill(image, 0xFF808080);
        layer.composite(new Viewport(4, 4, 1, 2, 2), image);
        // image pixel (3,3) sits at map coordinate (1.25,1.25) → clamped to (1,1): value 1
        assertThat(image[15]).isEqualTo(Colormap.HOT.argb(1));
        // image pixel (0,0) maps to value 0 → below threshold → untouched
        assertThat(image[0]).isEqualTo(0xFF808080);
        // readout is bilinear between map pixels: image (2,2) → map (0.5,0.5) → mean of all four = 0.5
        assertThat(layer.unitAt(2, 2)).isCloseTo(0.5, within(1e-6)); // float map values
    }

    @Test
    void blendingIsLinearInOpacity() {
        assertThat(HeatmapLayer.blend(0xFF000000, 0xFFC86400, 0.5)).isEqualTo(0xFF643200);
        assertThat(HeatmapLayer.blend(0xFF102030, 0xFFFFFFFF, 0)).isEqualTo(0xFF102030);
    }

    @Test
    void smoothingKeepsAConstantMapAndSpreadsAPeak() {
        float[] flat = new float[25];
        Arrays.fill(flat, 3f);
        float[] blurred = GaussianBlur.blur(flat, 5, 5, 1.5);
        for (float f : blurred) {
            assertThat(f).isCloseTo(3f, within(1e-5f));
        }
        float[] peak = new float[49];
        peak[24] = 1;
        float[] spread = GaussianBlur.blur(peak, 7, 7, 1);
        assertThat(spread[24]).isLessThan(1f).isGreaterThan(spread[23]);
        assertThat(spread[23]).isCloseTo(spread[25], within(1e-7f)).isCloseTo(spread[17], within(1e-7f));
    }

    @Test
    void badSizesAndStylesAreRefused() {
        assertThatThrownBy(() -> HeatmapLayer.prepare(new float[5], 2, 2, 4, 4, HeatmapStyle.defaults()))
                .hasMessageContaining("2×2 map needs 4 values");
        assertThatThrownBy(() -> HeatmapStyle.defaults().withOpacity(1.5)).hasMessageContaining("opacity");
    }
}
