package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.ResizeFilter;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parametric Map places a map over the whole image, so a centre-cropping model's map is refused. */
class MapExportsTest {
    @TempDir
    Path dir;

    private static ModelInputSpec spec(int resize, boolean shorterSide, int crop) {
        return new ModelInputSpec(ModelInputSpec.Windowing.dicomVoi(), 0, 1, new ModelInputSpec.Resize(resize, ResizeFilter.BILINEAR, shorterSide),
                crop, 1, null);
    }

    private static DicomDataset source(int rows, int columns) {
        return DicomDataset.builder().put(DicomTags.Rows, "US", Integer.toString(rows)).put(DicomTags.Columns, "US", Integer.toString(columns))
                .build();
    }

    @Test
    void aCentreCroppingModelIsRefusedNamingItAndNothingIsWritten() {
        Explanation e = new Explanation(ExplanationMethod.GRADCAM, 0, Map.of(), new SaliencyMap(4, 4, new float[16]), null, 0f, 0.5f, 1, 1);
        Path out = dir.resolve("map.dcm");
        // 512 × 640 → shorter side 256 → 256 × 320 → crop 224: the map covers the centre only.
        assertThatThrownBy(() -> MapExports.writeParametricMap(source(512, 640), e, spec(256, true, 224), "cropper", "2.0", "nodule", out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cropper 2.0").hasMessageContaining("centre-crops");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void resizingTheWholeFrameOrACropOfTheWholeResizedFrameIsAccepted() {
        assertThatCode(() -> MapExports.requireWholeFrame(source(128, 128), spec(96, false, 0), "demo", "1")).doesNotThrowAnyException();
        // A square frame, shorter side 96 then a 96 crop: nothing is cut off.
        assertThatCode(() -> MapExports.requireWholeFrame(source(128, 128), spec(96, true, 96), "demo", "1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> MapExports.requireWholeFrame(DicomDataset.empty(), spec(96, false, 0), "demo", "1"))
                .hasMessageContaining("no Rows/Columns");
    }
}
