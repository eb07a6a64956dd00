package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.ResizeFilter;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.explain.quality.RegionMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthMasksTest {
    @TempDir
    Path dir;

    private Path mask(String name, float[] v, int h, int w) throws Exception {
        Path f = dir.resolve(name);
        NpyIO.write(NpyArray.ofFloat32(v, h, w), f);
        return f;
    }

    @Test
    void theGeneratedCohortsMaskIsFoundBesideItsDicomFolder() throws Exception {
        Path dicom = Files.createDirectories(dir.resolve("cohort/dicom")).resolve("a.dcm");
        Files.createDirectories(dir.resolve("cohort/masks"));
        Files.write(dir.resolve("cohort/masks/1.2.3_nodule.npy"), new byte[] {0});
        assertThat(TruthMasks.findGenerated(dicom, "1.2.3", "nodule")).contains(dir.resolve("cohort/masks/1.2.3_nodule.npy").toAbsolutePath());
        assertThat(TruthMasks.findGenerated(dicom, "1.2.3", "cardiomegaly")).isEmpty();
    }

    @Test
    void aSourceResolutionMaskIsAreaAveragedOntoTheMapGridInsideWhenHalfCovered() throws Exception {
        // 4 × 4 source: the top-left 2 × 2 block fully inside, the top-right block one pixel of four (a quarter) inside,
        // the bottom-left block two of four (half) inside.
        float[] v = {
            1, 1, 0, 1,
            1, 1, 0, 0,
            1, 0, 0, 0,
            1, 0, 0, 0};
        RegionMask m = TruthMasks.onMapGrid(mask("m.npy", v, 4, 4), 2, 2, 4, 4, null);
        assertThat(m.inside(0)).isTrue();
        assertThat(m.inside(1)).isFalse();
        assertThat(m.inside(2)).isTrue();
        assertThat(m.inside(3)).isFalse();
        assertThat(m.area()).isEqualTo(2);
    }

    @Test
    void aMaskAtMapSizeIsTakenAsItIsWithNaNOutside() throws Exception {
        RegionMask m = TruthMasks.onMapGrid(mask("m.npy", new float[] {1, Float.NaN, 0, 2}, 2, 2), 2, 2, 8, 8, null);
        assertThat(m.area()).isEqualTo(2);
        assertThat(m.inside(1)).isFalse();
    }

    @Test
    void aMaskOfNeitherSizeOrCoveringNothingIsRefusedNamingTheSizes() throws Exception {
        Path odd = mask("odd.npy", new float[6], 2, 3);
        assertThatThrownBy(() -> TruthMasks.onMapGrid(odd, 4, 4, 8, 8, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 x 3").hasMessageContaining("4 x 4");
        float[] speck = new float[64];
        speck[0] = 1;
        Path small = mask("speck.npy", speck, 8, 8);
        assertThatThrownBy(() -> TruthMasks.onMapGrid(small, 2, 2, 8, 8, null)).hasMessageContaining("covers no pixel");
    }
    @Test
    void aSourceMaskIsPlacedThroughTheModelsCentreCropNotSpreadOverTheWholeFrame() throws Exception {
        // 4 × 12 source; shorter side → 4 keeps 4 × 12, the 4 × 4 centre crop takes columns 4..7. On the 2 × 2 map,
        // cell (0, 0) is source rows 0..1, columns 4..5: exactly where the mask is. Spread over the whole frame,
        // cell (0, 0) would be columns 0..5 (a third inside) and the mask would cover nothing.
        float[] v = new float[4 * 12];
        for (int y = 0; y < 2; y++) {
            v[y * 12 + 4] = 1;
            v[y * 12 + 5] = 1;
        }
        ModelInputSpec crop = new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1,
                new ModelInputSpec.Resize(4, ResizeFilter.BILINEAR, true), 4, 1, null);
        RegionMask m = TruthMasks.onMapGrid(mask("c.npy", v, 4, 12), 2, 2, 4, 12, crop);
        assertThat(m.inside(0)).isTrue();
        assertThat(m.area()).isEqualTo(1);
        // A mask entirely outside the crop covers nothing the model saw.
        float[] outside = new float[4 * 12];
        outside[0] = outside[1] = outside[12] = outside[13] = 1;
        Path off = mask("off.npy", outside, 4, 12);
        assertThatThrownBy(() -> TruthMasks.onMapGrid(off, 2, 2, 4, 12, crop)).hasMessageContaining("covers no pixel");
    }
}
