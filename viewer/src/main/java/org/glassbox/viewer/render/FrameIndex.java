package org.glassbox.viewer.render;

/**
 * The frame shown of a multi-frame image: a 0-based index into {@code count} frames. Stepping
 * stops at the ends (no wrap-around: a reader scrolling through a stack must feel its end).
 *
 * @param index 0 ≤ index &lt; count
 * @param count ≥ 1
 */
public record FrameIndex(int index, int count) {
    public FrameIndex {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("frame " + index + " is not in [0, " + count + ")");
        }
    }

    public static FrameIndex first(int count) {
        return new FrameIndex(0, count);
    }

    /** {@code delta} frames on (negative: back), clamped to the stack. */
    public FrameIndex step(int delta) {
        long to = Math.max(0, Math.min(count - 1L, (long) index + delta));
        return new FrameIndex((int) to, count);
    }

    /**
     * Frames to step for a mouse-wheel event: one per notch against the wheel's direction (wheel
     * towards the user, negative delta-y, moves forward, as PACS viewers do); 0 for a zero delta.
     */
    public static int wheelSteps(double deltaY) {
        return deltaY == 0 ? 0 : (deltaY < 0 ? 1 : -1);
    }
}
