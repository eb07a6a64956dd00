package org.glassbox.core.synth;

import java.time.LocalDateTime;
import java.util.EnumSet;
import org.glassbox.core.model.Sex;

/**
 * Draws the {@link CaseSpec} of case {@code index} from a {@link CohortConfig}: site by weight, then
 * sex and age from the site's mix, then each finding independently with the site's prevalence,
 * then the shortcut marker. Each case uses its own random stream, so case k is the same whatever
 * the number of studies or threads.
 */
public final class CohortSampler {
    private static final int PURPOSE_CASE = 1;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2021, 1, 4, 7, 0);

    private final CohortConfig config;
    private final long seed;

    public CohortSampler(CohortConfig config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    public CaseSpec sample(int index) {
        SynthRandom rng = SynthRandom.of(seed, index, PURPOSE_CASE);
        SiteProfile site = pickSite(rng.uniform() * config.totalWeight());
        Sex sex = rng.bernoulli(site.femaleFraction()) ? Sex.FEMALE : Sex.MALE;
        int age = site.age().draw(rng);
        EnumSet<Finding> findings = EnumSet.noneOf(Finding.class);
        for (Finding f : Finding.values()) {
            if (rng.bernoulli(site.prevalenceOf(f))) {
                findings.add(f);
            }
        }
        ShortcutConfig sc = config.shortcut();
        double pMarker = rng.uniform();
        boolean marker = sc.enabled() && sc.site().equals(site.name())
                && pMarker < (findings.contains(sc.finding()) ? sc.pMarkerIfPresent() : sc.pMarkerIfAbsent());
        // three years of working days, 07:00-19:00, to the second
        LocalDateTime when = EPOCH.plusDays(rng.nextInt(3 * 365)).plusSeconds(rng.nextInt(12 * 3600));
        String patientId = "SYN-" + SyntheticUids.hex("glassbox-synth/patient/" + seed + "/" + index, 5);
        return new CaseSpec(index, seed, site, sex, age, findings, marker, patientId,
                SyntheticUids.uid(seed, index, "study"), SyntheticUids.uid(seed, index, "series"),
                SyntheticUids.uid(seed, index, "sop"), when);
    }

    private SiteProfile pickSite(double u) {
        double acc = 0;
        for (SiteProfile s : config.sites()) {
            acc += s.weight();
            if (u < acc) {
                return s;
            }
        }
        return config.sites().get(config.sites().size() - 1);
    }
}
