package org.glassbox.viewer.render;

import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.model.PixelDescription;

/**
 * The whole grey chain (modality LUT → VOI → inversion, {@link GreyscalePipeline}) precomputed as
 * opaque ARGB for every stored value of a BitsStored ≤ 16 range, so rendering costs one table read
 * per screen pixel. Rebuilt on each window/level change: 65,536 entries at most, well under a
 * millisecond. The grey is round(255 × unit value), exactly as {@link GreyscalePipeline#to8Bit}.
 */
public final class DisplayLut {
    private final int minStored;
    private final int[] argb;

    private DisplayLut(int minStored, int[] argb) {
        this.minStored = minStored;
        this.argb = argb;
    }

    /**
     * @param pipeline a pipeline with a concrete VOI stage ({@link GreyscalePipeline#resolvedFor})
     * @throws IllegalArgumentException for colour or BitsStored &gt; 16 descriptions (rendered directly instead)
     */
    public static DisplayLut of(GreyscalePipeline pipeline, PixelDescription description) {
        if (!supports(description)) {
            throw new IllegalArgumentException("a display table needs single-sample pixels with BitsStored <= 16, got "
                    + description.samplesPerPixel() + " samples, " + description.bitsStored() + " bits");
        }
        int bits = description.bitsStored();
        int min = description.signed() ? -(1 << (bits - 1)) : 0;
        int max = description.signed() ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        int[] table = new int[max - min + 1];
        for (int s = min; s <= max; s++) {
            table[s - min] = grey(Math.round(pipeline.toUnit(s) * 255f));
        }
        return new DisplayLut(min, table);
    }

    public static boolean supports(PixelDescription description) {
        return description.samplesPerPixel() == 1 && description.bitsStored() <= 16;
    }

    /** Opaque ARGB for a stored value; values outside the range clamp to its ends. */
    public int argb(int stored) {
        int i = stored - minStored;
        return argb[i < 0 ? 0 : (i >= argb.length ? argb.length - 1 : i)];
    }

    int minStored() {
        return minStored;
    }

    /** The table itself, for the renderer's inner loop only (package-private: never handed out). */
    int[] table() {
        return argb;
    }

    static int grey(int g) {
        return 0xFF000000 | (g << 16) | (g << 8) | g;
    }
}
