package org.glassbox.core.imaging;

/**
 * The VOI LUT stage (PS3.3 C.11.2): a {@link Window} or a {@link VoiLut} from the VOI LUT Sequence.
 * Maps a modality value (output of the Modality LUT stage) to [0, 1].
 */
public sealed interface VoiTransform permits Window, VoiLut {
    /** @return a value in [0, 1]; NaN in gives NaN out */
    double toUnit(double modalityValue);
}
