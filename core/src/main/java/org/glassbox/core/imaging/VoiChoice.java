package org.glassbox.core.imaging;

import java.util.Objects;

/**
 * One VOI transformation an image offers (PS3.3 C.11.2): a window (one value of the multi-valued
 * Window Center/Width, with its Window Center &amp; Width Explanation (0028,1055)) or one item of the
 * VOI LUT Sequence (0028,3010), with its LUT Explanation (0028,3003).
 *
 * @param transform   the window or the table
 * @param explanation the explanation from the file, or null when it gave none
 */
public record VoiChoice(VoiTransform transform, String explanation) {
    public VoiChoice {
        Objects.requireNonNull(transform, "transform");
    }

    /** True for a window, false for a VOI LUT Sequence item. */
    public boolean isWindow() {
        return transform instanceof Window;
    }
}
