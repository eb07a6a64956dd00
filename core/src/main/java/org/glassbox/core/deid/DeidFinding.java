package org.glassbox.core.deid;

/**
 * One reason an instance is not de-identified. Never carries the identifying value itself.
 *
 * @param tag       the attribute's tag, or -1 for a finding not tied to one attribute
 * @param attribute keyword, e.g. "PatientName", or a group such as "private tags"
 * @param reason    short text, e.g. "present and non-empty (Basic Profile action Z)"
 */
public record DeidFinding(int tag, String attribute, String reason) {
}
