package org.glassbox.core.imaging;

import java.util.List;
import java.util.Objects;

/**
 * What an image says about how to display its greyscale values (PS3.3 C.11 "Look Up Tables and
 * Presentation States"), free of any DICOM toolkit type: the input of {@link ImagePresentation}.
 *
 * @param modality       Modality LUT stage (C.11.1): Modality LUT Sequence table, else Rescale
 *                       Slope/Intercept, else {@link ModalityTransform#IDENTITY}
 * @param modalityUnits  Rescale Type (0028,1054) or Modality LUT Type (0028,3004), e.g. "HU"; null
 *                       when absent
 * @param voiChoices     the VOI transformations the image offers (C.11.2), in this order: the
 *                       windows in Window Center/Width value order, then the VOI LUT Sequence items
 *                       in sequence order; empty when there are none
 * @param shape          Presentation LUT Shape (2050,0020), or null when absent
 * @param monochrome1    Photometric Interpretation MONOCHROME1 (C.7.6.3.1.2: minimum sample value
 *                       displayed white)
 * @param warnings       problems found while reading (one line each, e.g. an invalid window that was
 *                       left out); empty for a clean file
 */
public record PresentationParameters(
        ModalityTransform modality,
        String modalityUnits,
        List<VoiChoice> voiChoices,
        PresentationLutShape shape,
        boolean monochrome1,
        List<String> warnings) {

    public PresentationParameters {
        Objects.requireNonNull(modality, "modality");
        voiChoices = List.copyOf(voiChoices);
        warnings = List.copyOf(warnings);
    }

    /**
     * True when the display inverts after the VOI stage: MONOCHROME1 or Presentation LUT Shape
     * INVERSE. Both together are one inversion (a MONOCHROME1 DX image carries INVERSE, C.8.11.7).
     */
    public boolean inverted() {
        return monochrome1 || shape == PresentationLutShape.INVERSE;
    }
}
