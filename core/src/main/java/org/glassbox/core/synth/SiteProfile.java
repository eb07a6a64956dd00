package org.glassbox.core.synth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One acquisition site: its equipment, its patient mix and its disease prevalence.
 *
 * @param name           InstitutionName written to the files (sites are keyed by it); plain ASCII
 * @param manufacturer   Manufacturer (0008,0070)
 * @param model          ManufacturerModelName (0008,1090)
 * @param weight         relative share of studies, &ge; 0 (normalised over all sites)
 * @param femaleFraction probability that a patient is female, [0, 1]
 * @param age            age distribution of the site's patients
 * @param prevalence     probability of each finding, [0, 1]; findings are drawn independently (multi-label)
 * @param detector       detector and processing
 */
public record SiteProfile(
        String name,
        String manufacturer,
        String model,
        double weight,
        double femaleFraction,
        AgeDistribution age,
        Map<Finding, Double> prevalence,
        DetectorProfile detector) {

    public SiteProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(detector, "detector");
        for (String s : new String[] {name, manufacturer, model}) {
            if (s.isBlank() || s.length() > 64 || !s.matches("[A-Za-z0-9 ._-]+")) {
                throw new IllegalArgumentException("site name, manufacturer and model must be 1-64 plain characters: '" + s + "'");
            }
        }
        if (!(weight >= 0) || !(femaleFraction >= 0 && femaleFraction <= 1)) {
            throw new IllegalArgumentException("site " + name + ": weight must be >= 0 and femaleFraction in [0, 1]");
        }
        EnumMap<Finding, Double> p = new EnumMap<>(Finding.class);
        for (Finding f : Finding.values()) {
            double v = prevalence.getOrDefault(f, 0.0);
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("site " + name + ": prevalence of " + f.label() + " not in [0, 1]: " + v);
            }
            p.put(f, v);
        }
        prevalence = java.util.Collections.unmodifiableMap(p);
    }

    /** Prevalence of one finding at this site. */
    public double prevalenceOf(Finding f) {
        return prevalence.get(f);
    }

    /** A copy with one finding's prevalence replaced. */
    public SiteProfile withPrevalence(Finding f, double p) {
        EnumMap<Finding, Double> m = new EnumMap<>(prevalence);
        m.put(f, p);
        return new SiteProfile(name, manufacturer, model, weight, femaleFraction, age, m, detector);
    }

    /** A copy with another share of studies. */
    public SiteProfile withWeight(double w) {
        return new SiteProfile(name, manufacturer, model, w, femaleFraction, age, prevalence, detector);
    }

    /** A copy with another female fraction. */
    public SiteProfile withFemaleFraction(double f) {
        return new SiteProfile(name, manufacturer, model, weight, f, age, prevalence, detector);
    }

    /** A copy with another age distribution. */
    public SiteProfile withAge(AgeDistribution a) {
        return new SiteProfile(name, manufacturer, model, weight, femaleFraction, a, prevalence, detector);
    }
}
