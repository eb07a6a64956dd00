package org.glassbox.explain.attribution.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.glassbox.core.ai.Tensor;
import org.junit.jupiter.api.Test;

class SlicSegmenterTest {

    /** Left third dark, the rest bright, with mild texture: superpixels must follow the edge. */
    private static Tensor twoRegions(int channels, int h, int w) {
        float[] v = new float[channels * h * w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[(c * h + y) * w + x] = (x < w / 3 ? 0.1f : 0.9f) + 0.02f * (float) Math.sin(x * 1.3 + y * 0.7 + c);
                }
            }
        }
        return new Tensor(new int[] {channels, h, w}, v);
    }

    @Test
    void superpixelsCoverTheImageNearTheTargetCountAndRespectAnEdge() {
        for (int channels : new int[] {1, 3}) {
            Tensor image = twoRegions(channels, 48, 60);
            Segmentation s = new SlicSegmenter(30, 20f).segment(image);
            assertThat(s.count()).isBetween(15, 45);
            assertThat(Arrays.stream(s.sizes()).min().getAsInt()).isPositive();
            // BoofCV may hand a one-pixel sliver along the edge to the neighbour across it; the bulk must not cross
            int[] dark = new int[s.count()];
            int[] bright = new int[s.count()];
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 60; x++) {
                    if (x < 20) {
                        dark[s.label(y, x)]++;
                    } else {
                        bright[s.label(y, x)]++;
                    }
                }
            }
            for (int label = 0; label < s.count(); label++) {
                assertThat(Math.min(dark[label], bright[label]))
                        .as("segment %d: %d dark and %d bright pixels (%d channels)", label, dark[label], bright[label], channels)
                        .isLessThanOrEqualTo((dark[label] + bright[label]) / 10);
            }
        }
    }

    @Test
    void isDeterministicAndUnitFree() {
        Tensor image = twoRegions(1, 40, 40);
        float[] scaled = image.data();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = scaled[i] * 50 - 7;
        }
        SlicSegmenter slic = new SlicSegmenter(25, SlicSegmenter.DEFAULT_COMPACTNESS);
        int[] a = slic.segment(image).labels();
        assertThat(slic.segment(image).labels()).containsExactly(a);
        assertThat(slic.segment(new Tensor(new int[] {1, 40, 40}, scaled)).labels()).containsExactly(a);
    }

    @Test
    void refusesImagesTooSmallForTheRegions() {
        assertThatThrownBy(() -> new SlicSegmenter(200, 10f).segment(new Tensor(new int[] {1, 12, 12}, new float[144])))
                .hasMessageContaining("200 regions");
        assertThatThrownBy(() -> new SlicSegmenter(0, 10f)).hasMessageContaining("at least 1");
    }
}
