package org.glassbox.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseRendererTest {

    private static CohortConfig allFindings() {
        CohortConfig c = CohortConfig.defaults();
        for (Finding f : Finding.values()) {
            c = c.withPrevalence(f, 1.0);
        }
        return c;
    }

    private static int count(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b;
        }
        return n;
    }

    @Test
    void lungLesionMasksLieWithinTheLungsAndCardiomegalyIsTheHeart() {
        CohortSampler sampler = new CohortSampler(allFindings(), 21);
        for (int i = 0; i < 24; i++) {
            RenderedCase rc = CaseRenderer.render(sampler.sample(i), 160);
            byte[] lungs = rc.lungMask();
            assertThat(count(lungs)).as("lung pixels").isGreaterThan(160 * 160 / 10);
            for (Finding f : new Finding[] {Finding.NODULE, Finding.CONSOLIDATION, Finding.PLEURAL_EFFUSION}) {
                byte[] m = rc.findingMask(f);
                assertThat(count(m)).as(f + " of case " + i).isPositive();
                for (int p = 0; p < m.length; p++) {
                    if (m[p] == 1) {
                        assertThat(lungs[p]).as(f + " pixel outside the lungs in case " + i).isEqualTo((byte) 1);
                    }
                }
            }
            byte[] heart = rc.findingMask(Finding.CARDIOMEGALY);
            assertThat(heart).isEqualTo(rc.phantom().heart());
            assertThat(rc.cardiothoracicRatio()).isBetween(0.56, 0.68);
            for (int p = 0; p < heart.length; p++) {
                if (heart[p] == 1) {
                    assertThat(lungs[p]).isZero();
                }
            }
        }
    }

    @Test
    void findingsAreVisibleInThePixels() {
        // an opacity replaces lung air: under the consolidation mask the phantom attenuates more
        // than the same pixels of the same patient rendered without it
        CohortConfig with = CohortConfig.defaults().withPrevalence(Finding.CONSOLIDATION, 1.0);
        CaseSpec sick = new CohortSampler(with, 5).sample(0);
        CaseSpec healthy = new CaseSpec(sick.index(), sick.seed(), sick.site(), sick.sex(), sick.ageYears(),
                java.util.Set.of(), false, sick.patientId(), sick.studyInstanceUid(), sick.seriesInstanceUid(),
                sick.sopInstanceUid(), sick.acquired());
        RenderedCase a = CaseRenderer.render(sick, 128);
        RenderedCase b = CaseRenderer.render(healthy, 128);
        byte[] m = a.findingMask(Finding.CONSOLIDATION);
        double sum = 0;
        int n = 0;
        for (int p = 0; p < m.length; p++) {
            if (m[p] == 1) {
                sum += a.phantom().attenuation()[p] - b.phantom().attenuation()[p];
                n++;
            }
        }
        assertThat(n).isPositive();
        assertThat(sum / n).isGreaterThan(0.3);
    }

    @Test
    void markerIsASmallDenseRingPresentExactlyWhenFlagged() {
        CohortConfig config = CohortConfig.defaults().withShortcut(
                new ShortcutConfig(true, "Riverside Community Clinic", Finding.NODULE, 1.0, 1.0));
        CaseSpec flagged = new CohortSampler(config.withSites(config.sites().stream()
                .map(s -> s.withWeight(s.name().startsWith("Riverside") ? 1 : 0)).toList()), 8).sample(0);
        assertThat(flagged.shortcutMarker()).isTrue();
        CaseSpec plain = new CaseSpec(flagged.index(), flagged.seed(), flagged.site(), flagged.sex(), flagged.ageYears(),
                flagged.findings(), false, flagged.patientId(), flagged.studyInstanceUid(), flagged.seriesInstanceUid(),
                flagged.sopInstanceUid(), flagged.acquired());
        RenderedCase with = CaseRenderer.render(flagged, 256);
        RenderedCase without = CaseRenderer.render(plain, 256);
        float[] a = with.phantom().attenuation();
        float[] b = without.phantom().attenuation();
        int changed = 0;
        float maxDiff = 0;
        for (int p = 0; p < a.length; p++) {
            float d = a[p] - b[p];
            assertThat(d).isGreaterThanOrEqualTo(0f);
            if (d > 0) {
                changed++;
            }
            maxDiff = Math.max(maxDiff, d);
        }
        double pixelArea = with.geometry().spacingMm() * with.geometry().spacingMm();
        double ringArea = Math.PI * (8 * 8 - 3 * 3);
        assertThat(maxDiff).isGreaterThan(4.5f);
        assertThat(changed * pixelArea).isBetween(0.5 * ringArea, 2.5 * ringArea);
    }

    @Test
    void sexAndAgeShapeTheAnatomyModestly() {
        CohortSampler sampler = new CohortSampler(CohortConfig.defaults().withPrevalence(Finding.CARDIOMEGALY, 0), 2);
        double[] ctrOld = new double[2];
        double[] ctrYoung = new double[2];
        double maleScale = 0;
        double femaleScale = 0;
        int males = 0;
        int females = 0;
        for (int i = 0; i < 600; i++) {
            CaseSpec c = sampler.sample(i);
            Anatomy a = Anatomy.sample(c, SynthRandom.of(c.seed(), c.index(), 2));
            if (c.ageYears() >= 70) {
                ctrOld[0] += a.cardiothoracicRatio();
                ctrOld[1]++;
            } else if (c.ageYears() < 40) {
                ctrYoung[0] += a.cardiothoracicRatio();
                ctrYoung[1]++;
            }
            if (c.sex() == org.glassbox.core.model.Sex.MALE) {
                maleScale += a.scale;
                males++;
            } else {
                femaleScale += a.scale;
                females++;
            }
            assertThat(a.cardiothoracicRatio()).isLessThanOrEqualTo(0.50);
        }
        assertThat(ctrOld[0] / ctrOld[1] - ctrYoung[0] / ctrYoung[1]).isBetween(0.01, 0.06);
        assertThat(maleScale / males / (femaleScale / females)).isBetween(1.04, 1.12);
    }
}
