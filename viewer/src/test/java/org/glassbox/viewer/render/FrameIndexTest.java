package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Frame scrolling in a multi-frame image. */
class FrameIndexTest {
    @Test
    void stepsMoveWithinTheStackAndStopAtItsEnds() {
        FrameIndex f = FrameIndex.first(5);
        assertThat(f.step(1).index()).isEqualTo(1);
        assertThat(f.step(-1).index()).isZero();
        assertThat(f.step(3).step(3).index()).isEqualTo(4);
        assertThat(f.step(Integer.MAX_VALUE).index()).isEqualTo(4);
        assertThat(f.step(4).step(Integer.MIN_VALUE).index()).isZero();
        assertThat(FrameIndex.first(1).step(1)).isEqualTo(FrameIndex.first(1));
    }

    @Test
    void theWheelTowardsTheUserMovesForward() {
        assertThat(FrameIndex.wheelSteps(-40)).isEqualTo(1);
        assertThat(FrameIndex.wheelSteps(40)).isEqualTo(-1);
        assertThat(FrameIndex.wheelSteps(0)).isZero();
    }

    @Test
    void anIndexOutsideTheStackIsRefused() {
        assertThatThrownBy(() -> new FrameIndex(3, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> FrameIndex.first(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
