package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskContoursTest {

    @Test
    void onePixelHasFourUnitSides() {
        float[] mask = new float[9];
        mask[4] = 1;
        List<MaskContours.Segment> s = MaskContours.of(mask, 3, 3);
        assertThat(s).containsExactlyInAnyOrder(
                new MaskContours.Segment(1, 1, 2, 1), new MaskContours.Segment(1, 2, 2, 2),
                new MaskContours.Segment(1, 1, 1, 2), new MaskContours.Segment(2, 1, 2, 2));
    }

    @Test
    void outlineLengthEqualsTheCountOfInsideOutsideEdges() {
        Random r = new Random(4);
        int h = 17;
        int w = 23;
        float[] mask = new float[h * w];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextDouble() < 0.4 ? 1 : 0;
        }
        long edges = 0; // counted independently: each inside pixel's sides that face outside or the border
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x] > 0.5f) {
                    int[][] n = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
                    for (int[] p : n) {
                        if (p[0] < 0 || p[1] < 0 || p[0] >= w || p[1] >= h || mask[p[1] * w + p[0]] <= 0.5f) {
                            edges++;
                        }
                    }
                }
            }
        }
        double length = MaskContours.of(mask, h, w).stream().mapToDouble(s -> Math.abs(s.x2() - s.x1()) + Math.abs(s.y2() - s.y1())).sum();
        assertThat(length).isEqualTo((double) edges);
    }
}
