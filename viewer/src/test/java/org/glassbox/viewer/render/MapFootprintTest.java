package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.glassbox.core.imaging.ModelInput;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.PlanarImage;
import org.glassbox.core.imaging.ResizeFilter;
import org.junit.jupiter.api.Test;

/** Where a model's input (and so its maps) lies on the source frame. */
class MapFootprintTest {
    private static ModelInputSpec spec(int resize, boolean shorterSide, int crop) {
        return new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1, new ModelInputSpec.Resize(resize, ResizeFilter.BILINEAR, shorterSide),
                crop, 1, null);
    }

    @Test
    void anExactResizeCoversTheWholeFrame() {
        assertThat(MapFootprint.ofModelInput(spec(96, false, 0), 512, 640)).isEqualTo(new MapFootprint(0, 0, 640, 512));
    }

    @Test
    void shorterSideResizeThenCentreCropCoversTheCentreScaledBack() {
        // 512 × 640 → shorter side 256 → 256 × 320; crop 224 takes 16 rows and 48 columns off the top/left;
        // one resized pixel is 2 source pixels.
        assertThat(MapFootprint.ofModelInput(spec(256, true, 224), 512, 640)).isEqualTo(new MapFootprint(96, 32, 448, 448));
    }

    @Test
    void theFootprintAgreesWithWhatTheCropActuallyKeeps() {
        // Mark source column/row indices, run core's own resize + crop, and read back which source pixel lands at the crop's corners.
        int rows = 300;
        int columns = 410;
        ModelInputSpec s = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1,
                new ModelInputSpec.Resize(150, ResizeFilter.NEAREST, true), 101, 1, null);
        float[] xs = new float[rows * columns];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i % columns;
        }
        PlanarImage cropped = ModelInput.centreCrop(ModelInput.resized(new PlanarImage(1, rows, columns, xs), s.resize()), s.cropSize());
        MapFootprint f = MapFootprint.ofModelInput(s, rows, columns);
        // The crop's first column holds the source column under its centre: left + 0.5 × width/crop.
        double firstCentre = f.left() + 0.5 * f.width() / s.cropSize();
        assertThat((double) cropped.data()[0]).isCloseTo(Math.floor(firstCentre), within(1.0));
        double lastCentre = f.left() + (s.cropSize() - 0.5) * f.width() / s.cropSize();
        assertThat((double) cropped.data()[s.cropSize() - 1]).isCloseTo(Math.floor(lastCentre), within(1.0));
    }

    @Test
    void gridCoordinatesMapTheFootprintOntoTheMap() {
        MapFootprint f = new MapFootprint(96, 32, 448, 448);
        assertThat(f.toGridX(96, 224)).isZero();
        assertThat(f.toGridX(96 + 448, 224)).isEqualTo(224);
        assertThat(f.toGridY(32 + 224, 224)).isEqualTo(112);
        assertThat(f.containsX(95.9)).isFalse();
        assertThat(f.containsX(96)).isTrue();
        assertThat(f.containsY(480)).isFalse();
    }
}
