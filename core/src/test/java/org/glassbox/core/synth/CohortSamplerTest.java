package org.glassbox.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.glassbox.core.model.Sex;
import org.junit.jupiter.api.Test;

class CohortSamplerTest {
    private static final String RIVER = "Riverside Community Clinic";

    private static List<CaseSpec> sample(CohortConfig config, int n, long seed) {
        CohortSampler s = new CohortSampler(config, seed);
        return IntStream.range(0, n).mapToObj(s::sample).toList();
    }

    /** Four binomial standard errors: a correct sampler fails this about once in 15 000 runs. */
    private static void assertRate(long hits, int n, double p, String what) {
        double se = Math.sqrt(p * (1 - p) / n);
        assertThat((double) hits / n).as(what).isCloseTo(p, org.assertj.core.data.Offset.offset(4 * se + 1e-9));
    }

    @Test
    void prevalenceFollowsTheConfigurationPerFinding() {
        CohortConfig config = CohortConfig.defaults()
                .withPrevalence(Finding.NODULE, 0.30).withPrevalence(Finding.CONSOLIDATION, 0.10)
                .withPrevalence(Finding.PLEURAL_EFFUSION, 0.50).withPrevalence(Finding.CARDIOMEGALY, 0.0);
        List<CaseSpec> cases = sample(config, 400, 9);
        assertRate(cases.stream().filter(c -> c.has(Finding.NODULE)).count(), 400, 0.30, "nodule");
        assertRate(cases.stream().filter(c -> c.has(Finding.CONSOLIDATION)).count(), 400, 0.10, "consolidation");
        assertRate(cases.stream().filter(c -> c.has(Finding.PLEURAL_EFFUSION)).count(), 400, 0.50, "effusion");
        assertThat(cases).noneMatch(c -> c.has(Finding.CARDIOMEGALY));
        // multi-label: some cases carry two findings at once
        assertThat(cases).anyMatch(c -> c.findings().size() >= 2);
    }

    @Test
    void defaultPrevalenceDiffersBySiteAsConfigured() {
        CohortConfig config = CohortConfig.defaults();
        List<CaseSpec> cases = sample(config, 4000, 10);
        for (SiteProfile site : config.sites()) {
            List<CaseSpec> at = cases.stream().filter(c -> c.site().name().equals(site.name())).toList();
            for (Finding f : Finding.values()) {
                assertRate(at.stream().filter(c -> c.has(f)).count(), at.size(), site.prevalenceOf(f), site.name() + " " + f);
            }
        }
    }

    @Test
    void subgroupsFollowTheConfiguredJointDistribution() {
        CohortConfig base = CohortConfig.defaults();
        List<SiteProfile> sites = List.of(
                base.sites().get(0).withWeight(0.6).withFemaleFraction(0.2).withAge(new AgeDistribution(70, 5, 50, 90)),
                base.sites().get(1).withWeight(0.3).withFemaleFraction(0.9).withAge(new AgeDistribution(30, 5, 18, 50)),
                base.sites().get(2).withWeight(0.1).withFemaleFraction(0.5));
        CohortConfig config = base.withSites(sites);
        int n = 2000;
        List<CaseSpec> cases = sample(config, n, 3);
        for (SiteProfile s : sites) {
            List<CaseSpec> at = cases.stream().filter(c -> c.site() == s).toList();
            assertRate(at.size(), n, s.weight(), "share of " + s.name());
            assertRate(at.stream().filter(c -> c.sex() == Sex.FEMALE).count(), at.size(), s.femaleFraction(), "women at " + s.name());
            assertThat(at).allMatch(c -> c.ageYears() >= s.age().min() && c.ageYears() <= s.age().max());
        }
        double meanAge0 = cases.stream().filter(c -> c.site() == sites.get(0)).mapToInt(CaseSpec::ageYears).average().orElseThrow();
        double meanAge1 = cases.stream().filter(c -> c.site() == sites.get(1)).mapToInt(CaseSpec::ageYears).average().orElseThrow();
        assertThat(meanAge0).isBetween(68.0, 71.0);
        assertThat(meanAge1).isBetween(29.0, 32.0);
        assertThat(cases).allMatch(c -> c.ageBand() == AgeBand.of(c.ageYears()));
    }

    @Test
    void shortcutMarkerCorrelatesWithTheFindingOnlyAtItsSite() {
        CohortConfig config = CohortConfig.defaults().withPrevalence(Finding.CONSOLIDATION, 0.3)
                .withShortcut(ShortcutConfig.strong(RIVER, Finding.CONSOLIDATION));
        List<CaseSpec> cases = sample(config, 3000, 4);
        List<CaseSpec> river = cases.stream().filter(c -> c.site().name().equals(RIVER)).toList();
        List<CaseSpec> pos = river.stream().filter(c -> c.has(Finding.CONSOLIDATION)).toList();
        List<CaseSpec> neg = river.stream().filter(c -> !c.has(Finding.CONSOLIDATION)).toList();
        assertRate(pos.stream().filter(CaseSpec::shortcutMarker).count(), pos.size(), 0.85, "marker | finding");
        assertRate(neg.stream().filter(CaseSpec::shortcutMarker).count(), neg.size(), 0.05, "marker | no finding");
        assertThat(cases.stream().filter(c -> !c.site().name().equals(RIVER))).noneMatch(CaseSpec::shortcutMarker);
    }

    @Test
    void withoutShortcutThereIsNoMarker() {
        List<CaseSpec> cases = sample(CohortConfig.defaults().withPrevalence(Finding.CONSOLIDATION, 0.5), 1000, 4);
        assertThat(cases).noneMatch(CaseSpec::shortcutMarker);
    }

    @Test
    void casesAreReproducibleAndIndependentOfCohortSize() {
        CohortConfig config = CohortConfig.defaults();
        List<CaseSpec> small = sample(config, 10, 77);
        List<CaseSpec> large = sample(config, 50, 77);
        assertThat(large.subList(0, 10)).isEqualTo(small);
        assertThat(sample(config, 10, 78)).isNotEqualTo(small);
        assertThat(small).allMatch(c -> c.sopInstanceUid().matches("2\\.25\\.[1-9][0-9]*") && c.sopInstanceUid().length() <= 64);
        assertThat(small.stream().map(CaseSpec::sopInstanceUid).distinct().count()).isEqualTo(10);
        assertThat(small).allMatch(c -> c.patientId().matches("SYN-[0-9a-f]{10}"));
    }
}
