package org.glassbox.core.synth;

/**
 * One case rendered on one grid: its stored 12-bit pixels and its phantom (attenuation and masks).
 *
 * @param spec    what was drawn for the case
 * @param pixels  stored values 0..4095, row-major (MONOCHROME1 sites already inverted)
 * @param phantom the noiseless attenuation and the masks
 * @param cardiothoracicRatio the heart width over the inner thoracic width
 */
public record RenderedCase(CaseSpec spec, int[] pixels, Phantom phantom, double cardiothoracicRatio) {

    public ImageGeometry geometry() {
        return phantom.geometry();
    }

    /** The lung-field mask (1 inside). A copy. */
    public byte[] lungMask() {
        return phantom.lungs().clone();
    }

    /** The mask of a finding present in the case (1 inside), or null when the finding is absent. A copy. */
    public byte[] findingMask(Finding f) {
        byte[] m = phantom.findings().get(f);
        return m == null ? null : m.clone();
    }

    /** The disc covered by the shortcut marker (1 inside), or null when the case has no marker. A copy. */
    public byte[] markerMask() {
        return phantom.marker() == null ? null : phantom.marker().clone();
    }
}
