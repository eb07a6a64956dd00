package org.glassbox.core.synth;

/**
 * Renders one {@link CaseSpec}: samples its anatomy and lesions (from the case's own random
 * streams, independent of the image size, so a 512-px and a full-size rendering show the same
 * patient), projects them and exposes the detector.
 */
public final class CaseRenderer {
    private static final int PURPOSE_ANATOMY = 2;
    private static final int PURPOSE_LESIONS = 3;
    private static final int PURPOSE_NOISE = 4;
    private static final int PURPOSE_MARKER = 5;

    private CaseRenderer() {
    }

    /**
     * @param size 0 for the site's full detector matrix, otherwise the side of a square image in
     *             pixels (16..8192)
     */
    public static RenderedCase render(CaseSpec spec, int size) {
        DetectorProfile d = spec.site().detector();
        ImageGeometry g = size == 0 ? ImageGeometry.fullSize(d) : ImageGeometry.square(d, size);
        Anatomy a = Anatomy.sample(spec, SynthRandom.of(spec.seed(), spec.index(), PURPOSE_ANATOMY));
        Lesions lesions = Lesions.sample(spec, a, SynthRandom.of(spec.seed(), spec.index(), PURPOSE_LESIONS));
        double[] marker = null;
        if (spec.shortcutMarker()) {
            SynthRandom m = SynthRandom.of(spec.seed(), spec.index(), PURPOSE_MARKER);
            marker = new double[] {a.mid + a.thoraxHalf * 1.02 + m.uniform(-8, 8), a.yApex - 22 + m.uniform(-8, 8)};
        }
        Phantom p = PhantomRenderer.render(a, lesions, spec, g, marker);
        int[] pixels = DetectorModel.expose(p, d, SynthRandom.of(spec.seed(), spec.index(), PURPOSE_NOISE));
        return new RenderedCase(spec, pixels, p, a.cardiothoracicRatio());
    }
}
