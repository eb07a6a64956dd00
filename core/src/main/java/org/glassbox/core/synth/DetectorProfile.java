package org.glassbox.core.synth;

/**
 * How one site's detector and image processing turn the phantom into stored pixel values.
 *
 * @param rows              native matrix rows (full-size images)
 * @param columns           native matrix columns
 * @param pixelSpacingMm    native detector element spacing in mm (ImagerPixelSpacing), &gt; 0
 * @param detectorType      DICOM DetectorType: DIRECT, SCINTILLATOR or STORAGE (computed radiography)
 * @param photonsPerMm2     effective (DQE-weighted) photon fluence at the detector without a patient, per mm²
 * @param electronicNoise   additive electronic noise, standard deviation in photon-equivalents per native pixel
 * @param blurMm            Gaussian sigma in mm of the detector's point spread (lower resolution = larger)
 * @param scatterFraction   scatter-to-primary ratio under the body (0 = perfect grid), &ge; 0
 * @param contrastSlope     slope of the site's logistic contrast curve on normalised attenuation, &gt; 0
 * @param contrastCenter    attenuation (line integral) mapped to mid-grey
 * @param monochrome1       true when the site stores MONOCHROME1 (high value = dark), as some CR systems do
 * @param kvp               tube peak kilovoltage written to the header
 */
public record DetectorProfile(
        int rows,
        int columns,
        double pixelSpacingMm,
        String detectorType,
        double photonsPerMm2,
        double electronicNoise,
        double blurMm,
        double scatterFraction,
        double contrastSlope,
        double contrastCenter,
        boolean monochrome1,
        int kvp) {

    public DetectorProfile {
        if (rows < 64 || columns < 64 || rows > 8192 || columns > 8192) {
            throw new IllegalArgumentException("detector matrix must be 64..8192 per side: " + rows + "x" + columns);
        }
        if (!(pixelSpacingMm > 0.01 && pixelSpacingMm < 2)) {
            throw new IllegalArgumentException("pixel spacing out of (0.01, 2) mm: " + pixelSpacingMm);
        }
        if (!(photonsPerMm2 > 0) || !(electronicNoise >= 0) || !(blurMm >= 0) || !(scatterFraction >= 0) || !(contrastSlope > 0)) {
            throw new IllegalArgumentException("detector noise/contrast parameters must be positive");
        }
        if (!java.util.Set.of("DIRECT", "SCINTILLATOR", "STORAGE").contains(detectorType)) {
            throw new IllegalArgumentException("detector type must be DIRECT, SCINTILLATOR or STORAGE: " + detectorType);
        }
    }

    /** Physical height of the detector in mm. */
    public double heightMm() {
        return rows * pixelSpacingMm;
    }

    /** Physical width of the detector in mm. */
    public double widthMm() {
        return columns * pixelSpacingMm;
    }
}
