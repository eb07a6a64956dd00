package org.glassbox.core.synth;

import java.util.Objects;

/**
 * An injected shortcut: at one site, a radiopaque ring marker (like a skin marker or lead
 * positioning marker, a physical object in the beam rather than burned-in text, so
 * BurnedInAnnotation stays NO) is present with a probability that depends on one finding. A model
 * can learn "marker ⇒ finding" at that site, which creates a shortcut and a site-dependent
 * performance gap on purpose. Other sites never show the marker.
 *
 * @param enabled          false: no marker anywhere
 * @param site             the site's name (must match a {@link SiteProfile#name()})
 * @param finding          the finding the marker correlates with
 * @param pMarkerIfPresent probability of the marker when the finding is present, [0, 1]
 * @param pMarkerIfAbsent  probability of the marker when the finding is absent, [0, 1]
 */
public record ShortcutConfig(boolean enabled, String site, Finding finding, double pMarkerIfPresent, double pMarkerIfAbsent) {

    public ShortcutConfig {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(finding, "finding");
        if (!(pMarkerIfPresent >= 0 && pMarkerIfPresent <= 1 && pMarkerIfAbsent >= 0 && pMarkerIfAbsent <= 1)) {
            throw new IllegalArgumentException("shortcut probabilities must be in [0, 1]");
        }
    }

    /** No shortcut. */
    public static ShortcutConfig none() {
        return new ShortcutConfig(false, "", Finding.CONSOLIDATION, 0, 0);
    }

    /** A strong shortcut: marker on 85 % of positive and 5 % of negative cases at {@code site}. */
    public static ShortcutConfig strong(String site, Finding finding) {
        return new ShortcutConfig(true, site, finding, 0.85, 0.05);
    }
}
