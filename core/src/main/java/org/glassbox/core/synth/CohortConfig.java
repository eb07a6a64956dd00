package org.glassbox.core.synth;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The joint distribution of a synthetic cohort: sites (each with its share of studies, sex ratio,
 * age distribution, prevalence and detector), and an optional shortcut. Site, then sex and age
 * given site, then findings given site (independently per finding), then the shortcut marker given
 * site and finding are drawn in that order for every study.
 *
 * @param sites    one or more sites with distinct names and a positive total weight
 * @param shortcut the injected shortcut, or {@link ShortcutConfig#none()}
 */
public record CohortConfig(List<SiteProfile> sites, ShortcutConfig shortcut) {

    public CohortConfig {
        sites = List.copyOf(sites);
        Objects.requireNonNull(shortcut, "shortcut");
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one site is required");
        }
        Set<String> names = new HashSet<>();
        double total = 0;
        for (SiteProfile s : sites) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("duplicate site name: " + s.name());
            }
            total += s.weight();
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("site weights must sum to more than 0");
        }
        if (shortcut.enabled() && !names.contains(shortcut.site())) {
            throw new IllegalArgumentException("shortcut site '" + shortcut.site() + "' is not one of " + names);
        }
    }

    /** Three sites with different vendors, matrices, noise, contrast, patient mix and prevalence. */
    public static CohortConfig defaults() {
        SiteProfile north = new SiteProfile("Northfield General Hospital", "Acme Radiography", "AR-Flat 43", 0.45, 0.50,
                new AgeDistribution(58, 16, 18, 95),
                prevalence(0.10, 0.15, 0.12, 0.15),
                new DetectorProfile(2880, 2880, 0.148, "SCINTILLATOR", 40_000, 3.0, 0.10, 0.25, 1.10, 2.9, false, 120));
        SiteProfile river = new SiteProfile("Riverside Community Clinic", "Borealis Medical", "BX-3543", 0.35, 0.62,
                new AgeDistribution(45, 15, 18, 90),
                prevalence(0.06, 0.08, 0.05, 0.08),
                new DetectorProfile(3000, 2500, 0.139, "DIRECT", 30_000, 2.0, 0.06, 0.35, 1.45, 2.7, false, 110));
        SiteProfile hill = new SiteProfile("Hillcrest Regional Hospital", "Cobalt Imaging", "CR-2000 Plus", 0.20, 0.42,
                new AgeDistribution(68, 13, 18, 100),
                prevalence(0.14, 0.22, 0.20, 0.25),
                new DetectorProfile(2140, 1760, 0.200, "STORAGE", 20_000, 6.0, 0.22, 0.45, 0.90, 3.1, true, 125));
        return new CohortConfig(List.of(north, river, hill), ShortcutConfig.none());
    }

    /** A prevalence map in {@link Finding} order: nodule, consolidation, effusion, cardiomegaly. */
    public static Map<Finding, Double> prevalence(double nodule, double consolidation, double effusion, double cardiomegaly) {
        EnumMap<Finding, Double> m = new EnumMap<>(Finding.class);
        m.put(Finding.NODULE, nodule);
        m.put(Finding.CONSOLIDATION, consolidation);
        m.put(Finding.PLEURAL_EFFUSION, effusion);
        m.put(Finding.CARDIOMEGALY, cardiomegaly);
        return m;
    }

    /** A copy with {@code finding}'s prevalence set to {@code p} at every site. */
    public CohortConfig withPrevalence(Finding finding, double p) {
        return new CohortConfig(sites.stream().map(s -> s.withPrevalence(finding, p)).toList(), shortcut);
    }

    /** A copy with another shortcut. */
    public CohortConfig withShortcut(ShortcutConfig s) {
        return new CohortConfig(sites, s);
    }

    /** A copy with other sites. */
    public CohortConfig withSites(List<SiteProfile> s) {
        return new CohortConfig(s, shortcut);
    }

    /** The site called {@code name}. */
    public SiteProfile site(String name) {
        return sites.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site named '" + name + "'"));
    }

    /** Sum of site weights. */
    double totalWeight() {
        return sites.stream().mapToDouble(SiteProfile::weight).sum();
    }
}
