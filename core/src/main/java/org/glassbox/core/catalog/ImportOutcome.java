package org.glassbox.core.catalog;

import java.util.Locale;

/** What an import did with one input file. Exactly one outcome per file. */
public enum ImportOutcome {
    /** Catalogued as is: it passed the de-identification gate. */
    IMPORTED,
    /** Refused by the gate (policy REJECT). */
    REJECTED,
    /** Copied to the workspace's quarantine folder, not catalogued (policy QUARANTINE). */
    QUARANTINED,
    /** The gate wrote a de-identified copy and the copy was catalogued (policy DEIDENTIFY). */
    DEIDENTIFIED,
    /** Already catalogued with the same content: nothing done. */
    DUPLICATE,
    /** Unreadable, not DICOM, incomplete, or a SOP Instance UID conflict. */
    ERROR;

    /** The lower-case name stored in the import log. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the file was refused or failed (the CLI exits 1 when any file was). */
    public boolean refused() {
        return this == REJECTED || this == ERROR;
    }
}
