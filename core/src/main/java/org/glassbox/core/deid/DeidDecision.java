package org.glassbox.core.deid;

/**
 * What an import should do with a checked instance under a policy.
 *
 * <p>A clean instance is accepted under every policy. Otherwise: REJECT rejects; QUARANTINE
 * quarantines; DEIDENTIFY de-identifies, except an image with BurnedInAnnotation = YES, which header
 * edits cannot clean and is therefore rejected under every policy but QUARANTINE.
 *
 * @param outcome the planned outcome (never FAILED)
 * @param reason  one line, null when accepted
 */
public record DeidDecision(DeidOutcome outcome, String reason) {

    public static DeidDecision decide(DeidPolicy policy, DeidCheck check) {
        if (check.clean()) {
            return new DeidDecision(DeidOutcome.ACCEPTED, null);
        }
        return switch (policy) {
            case REJECT -> new DeidDecision(DeidOutcome.REJECTED, "not de-identified: " + check.summary());
            case QUARANTINE -> new DeidDecision(DeidOutcome.QUARANTINED, "not de-identified: " + check.summary());
            case DEIDENTIFY -> burnedIn(check)
                    ? new DeidDecision(DeidOutcome.REJECTED,
                        "BurnedInAnnotation is YES: pixels may carry identity that header de-identification cannot remove")
                    : new DeidDecision(DeidOutcome.DEIDENTIFIED, check.summary());
        };
    }

    /** True when the check found burned-in annotation. */
    public static boolean burnedIn(DeidCheck check) {
        return check.findings().stream().anyMatch(f -> f.tag() == org.glassbox.core.dicom.DicomTags.BurnedInAnnotation);
    }
}
