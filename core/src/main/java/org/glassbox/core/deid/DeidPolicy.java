package org.glassbox.core.deid;

/** What an import does with an instance that still carries identifying information. */
public enum DeidPolicy {
    /** Refuse the file and report why (the default). */
    REJECT,
    /** Copy the file to the workspace's quarantine folder; do not catalogue it. */
    QUARANTINE,
    /** Write a de-identified copy (PS3.15 Basic Profile + options) and catalogue the copy. */
    DEIDENTIFY
}
