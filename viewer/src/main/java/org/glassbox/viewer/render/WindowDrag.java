package org.glassbox.viewer.render;

import org.glassbox.core.imaging.Window;

/**
 * Window/level by right-drag, the convention of Weasis and OHIF: moving right widens the window,
 * moving down raises the centre (the image gets darker). The sensitivity follows the window at the
 * start of the drag (one screen pixel = 0.5 % of its width, at least {@code minStep} units), so a
 * narrow brain window and a wide DX window both feel the same under the hand.
 */
public final class WindowDrag {
    private final Window start;
    private final double step;

    /** @param minStep smallest change per screen pixel, in modality units (e.g. 1 HU; for 12-bit DX 1) */
    public WindowDrag(Window start, double minStep) {
        this.start = start;
        this.step = Math.max(minStep, start.width() * 0.005);
    }

    /** The window after dragging (dx, dy) screen pixels from the start; width never below 1. */
    public Window at(double dx, double dy) {
        double width = Math.max(1, start.width() + dx * step);
        double centre = start.center() + dy * step;
        return new Window(centre, width, start.function());
    }
}
