package org.glassbox.core.imaging;

import org.glassbox.core.model.FramePixels;

/**
 * The single entry point from an image's {@link PresentationParameters} to the pixels a person or a
 * model sees: the viewer and inference both call this, so "what the model saw" is what is rendered.
 *
 * <p>VOI selection (PS3.3 C.11.2: when several are given, the choice is the application's): an
 * index into {@link PresentationParameters#voiChoices()}, or {@link #DEFAULT_VOI} — the first window
 * in the file, else the first VOI LUT, else the frame's own minimum–maximum after the modality stage
 * — or {@link #MIN_MAX}, which always stretches the frame.
 */
public final class ImagePresentation {
    /** The first window, else the first VOI LUT, else min–max of the frame. */
    public static final int DEFAULT_VOI = -1;
    /** Min–max of the frame's modality values, whatever the file offers. */
    public static final int MIN_MAX = -2;

    private ImagePresentation() {
    }

    /**
     * The pipeline for one VOI choice.
     *
     * @param voiIndex 0-based index into {@code voiChoices()}, or {@link #DEFAULT_VOI}, or {@link #MIN_MAX}
     * @throws IllegalArgumentException when the index names no choice
     */
    public static GreyscalePipeline of(PresentationParameters parameters, int voiIndex) {
        return new GreyscalePipeline(parameters.modality(), voi(parameters, voiIndex), parameters.inverted());
    }

    /** {@link #of(PresentationParameters, int)} with {@link #DEFAULT_VOI}. */
    public static GreyscalePipeline of(PresentationParameters parameters) {
        return of(parameters, DEFAULT_VOI);
    }

    /** The frame in [0, 1], row-major (0 = black, 1 = white as displayed); see {@link GreyscalePipeline#toUnit}. */
    public static float[] toUnit(PresentationParameters parameters, int voiIndex, FramePixels frame) {
        return of(parameters, voiIndex).toUnit(frame);
    }

    /** The frame as 8-bit display values, round(255 × unit value), row-major. */
    public static byte[] to8Bit(PresentationParameters parameters, int voiIndex, FramePixels frame) {
        return of(parameters, voiIndex).to8Bit(frame);
    }

    /** The chosen VOI transform, or null for min–max. */
    static VoiTransform voi(PresentationParameters parameters, int voiIndex) {
        var choices = parameters.voiChoices();
        if (voiIndex == MIN_MAX) {
            return null;
        }
        if (voiIndex == DEFAULT_VOI) {
            for (VoiChoice c : choices) {
                if (c.isWindow()) {
                    return c.transform();
                }
            }
            return choices.isEmpty() ? null : choices.get(0).transform();
        }
        if (voiIndex < 0 || voiIndex >= choices.size()) {
            throw new IllegalArgumentException("VOI index " + voiIndex + " not in [0, " + choices.size() + ") (the image offers "
                    + choices.size() + " windows/VOI LUTs)");
        }
        return choices.get(voiIndex).transform();
    }
}
