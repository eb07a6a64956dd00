package org.glassbox.core.deid;

/** What the gate did with one file. */
public enum DeidOutcome {
    /** Already de-identified: catalogued as it is. */
    ACCEPTED,
    /** Refused (policy reject, or a file that cannot be cleaned). */
    REJECTED,
    /** Copied to the workspace's quarantine; not catalogued. */
    QUARANTINED,
    /** A de-identified copy was written and catalogued. */
    DEIDENTIFIED,
    /** The file could not be read or written. */
    FAILED
}
