package org.glassbox.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkerMaskTest {

    private static CaseSpec withMarker(CaseSpec s, boolean marker) {
        return new CaseSpec(s.index(), s.seed(), s.site(), s.sex(), s.ageYears(), s.findings(), marker, s.patientId(),
                s.studyInstanceUid(), s.seriesInstanceUid(), s.sopInstanceUid(), s.acquired());
    }

    @Test
    void theMarkerMaskIsExactlyWhereTheRingChangesTheImage() {
        CaseSpec spec = new CohortSampler(CohortConfig.defaults(), 3).sample(0);
        RenderedCase with = CaseRenderer.render(withMarker(spec, true), 128);
        RenderedCase without = CaseRenderer.render(withMarker(spec, false), 128);
        assertThat(without.markerMask()).isNull();
        byte[] mask = with.markerMask();
        float[] a = with.phantom().attenuation();
        float[] b = without.phantom().attenuation();
        int inside = 0;
        int changedInside = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                inside++;
                changedInside += a[i] != b[i] ? 1 : 0;
            } else {
                assertThat(a[i]).as("pixel %d outside the mask", i).isEqualTo(b[i]);
            }
        }
        // a disc of 8 mm radius at this grid's spacing: π·(8/spacing)² pixels, give or take the rim
        double spacing = with.geometry().spacingMm();
        double expected = Math.PI * Math.pow(8 / spacing, 2);
        assertThat((double) inside).isBetween(0.6 * expected, 1.6 * expected + 4);
        // the ring changes most of its disc (not its 3 mm hole)
        assertThat(changedInside).isGreaterThan(inside / 2);
    }
}
