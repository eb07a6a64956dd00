package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A map that covers only part of the image (a centre-cropping model) is drawn only there. */
class HeatmapFootprintTest {
    @Test
    void onlyTheFootprintIsColouredAndTheMapIsStretchedOverIt() {
        // 10 × 10 image at 1:1; a 2 × 2 map over x ∈ [4, 8), y ∈ [2, 6); only the map's top-left cell is hot.
        float[] map = {1, 0, 0, 0};
        HeatmapStyle style = new HeatmapStyle(Colormap.HOT, 1.0, 0.5, 0, HeatmapStyle.Scaling.POSITIVE);
        HeatmapLayer layer = HeatmapLayer.prepare(map, 2, 2, 10, 10, new MapFootprint(4, 2, 4, 4), style);
        int[] argb = new int[100];
        Arrays.fill(argb, 0xFF000000);
        layer.composite(new Viewport(10, 10, 1, 5, 5), argb);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                boolean coloured = argb[y * 10 + x] != 0xFF000000;
                // The hot cell spans image [4, 6) × [2, 4); bilinear blending keeps values ≥ 0.5 only at its inner quarter-pixel and itself.
                boolean expected = x >= 4 && x < 6 && y >= 2 && y < 4;
                assertThat(coloured).as("(%d, %d)", x, y).isEqualTo(expected);
            }
        }
        assertThat(layer.unitAt(4.5, 2.5)).isEqualTo(1.0);
        assertThat(layer.unitAt(7.5, 5.5)).isEqualTo(0.0);
    }

    @Test
    void theWholeImageFootprintIsTheDefault() {
        HeatmapLayer layer = HeatmapLayer.prepare(new float[] {1}, 1, 1, 7, 3, HeatmapStyle.defaults());
        assertThat(layer.footprint()).isEqualTo(MapFootprint.whole(7, 3));
    }
}
