package org.glassbox.explain.attribution.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glassbox.core.ai.Tensor;
import org.junit.jupiter.api.Test;

class SegmentHierarchyTest {

    @Test
    void bisectionOfAGridIsBalancedAndKeepsNeighboursTogether() {
        Segmentation grid = new GridSegmenter(4, 4).segment(new Tensor(new int[] {1, 8, 8}, new float[64]));
        SegmentHierarchy h = SegmentHierarchy.bisect(grid);
        assertThat(h.nodeCount()).isEqualTo(31);
        assertThat(h.leavesOf(h.root())).hasSize(16);
        // first cut: rows and columns spread equally, so along y (axis 0): top two rows vs bottom two
        assertThat(h.leavesOf(h.left(h.root()))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(h.size(h.left(h.left(h.root())))).isEqualTo(4);
        for (int node = 16; node < 31; node++) {
            assertThat(h.size(h.left(node))).isEqualTo(h.size(h.right(node)));
        }
    }

    @Test
    void gridCellsDifferByAtMostOnePixelAndRelabellingIsDense() {
        Segmentation s = new GridSegmenter(3, 4).segment(new Tensor(new int[] {1, 10, 11}, new float[110]));
        assertThat(s.count()).isEqualTo(12);
        assertThat(java.util.Arrays.stream(s.sizes()).min().getAsInt()).isGreaterThanOrEqualTo(6);
        assertThat(java.util.Arrays.stream(s.sizes()).max().getAsInt()).isLessThanOrEqualTo(12);
        Segmentation sparse = new Segmentation(1, 4, new int[] {7, 7, 3, 9});
        assertThat(sparse.labels()).containsExactly(0, 0, 1, 2);
        assertThat(GridSegmenter.about(50, 96, 96)).isEqualTo(new GridSegmenter(7, 7));
        assertThatThrownBy(() -> SegmentHierarchy.of(3, new int[][] {{0, 1}, {0, 2}})).hasMessageContaining("child 0");
    }
}
