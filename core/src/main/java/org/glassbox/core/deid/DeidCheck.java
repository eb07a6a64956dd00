package org.glassbox.core.deid;

import java.util.List;
import java.util.stream.Collectors;

/** The result of checking one instance against the de-identification profile. */
public record DeidCheck(List<DeidFinding> findings) {
    public DeidCheck {
        findings = List.copyOf(findings);
    }

    /** True when nothing identifying was found. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** One line listing the attributes found, for error reports. */
    public String summary() {
        return findings.stream().map(f -> f.attribute() + " " + f.reason()).collect(Collectors.joining("; "));
    }
}
