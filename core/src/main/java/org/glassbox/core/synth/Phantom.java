package org.glassbox.core.synth;

import java.util.Map;

/**
 * A rendered phantom on one pixel grid: the attenuation line integral per pixel (dimensionless,
 * ∫μ·dl; 0 = direct beam, ~2 through lung, ~4–5 through mediastinum and abdomen) and the masks.
 * Masks are row-major, one byte per pixel, 1 inside and 0 outside. Arrays are owned by this object
 * and must not be modified.
 *
 * @param geometry    the grid
 * @param attenuation rows × columns line integrals
 * @param lungs       the lung fields (excluding heart and aortic knob)
 * @param heart       the heart silhouette
 * @param findings    the mask of each finding present in the case
 * @param marker      the disc the shortcut marker (lead ring) covers, or null when the case has none
 */
record Phantom(ImageGeometry geometry, float[] attenuation, byte[] lungs, byte[] heart, Map<Finding, byte[]> findings, byte[] marker) {
    Phantom {
        findings = Map.copyOf(findings);
    }
}
