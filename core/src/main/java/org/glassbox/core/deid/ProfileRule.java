package org.glassbox.core.deid;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of PS3.15 Table E.1-1: which attribute(s) it covers and what the Basic Profile and each
 * option do with them.
 *
 * @param value       tag bits that must match (pattern digits 'x' are 0 here)
 * @param mask        which tag bits are significant (0 nibbles for 'x'); 0 for the private-attributes row
 * @param keyword     PS3.6 keyword, e.g. "PatientName"
 * @param name        attribute name as printed in the table
 * @param basic       Basic Profile action code: D, Z, X, K, C, U, Z/D, X/Z, X/D, X/Z/D or X/Z/U*
 * @param optionActions action of each option that changes the Basic action (K or C, sometimes X)
 */
public record ProfileRule(int value, int mask, String keyword, String name, String basic,
                          Map<ProfileOption, String> optionActions) {

    public ProfileRule {
        optionActions = optionActions.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(optionActions));
    }

    /** True for the row "Private attributes (gggg,eeee) where gggg is odd". */
    public boolean isPrivateRow() {
        return mask == 0;
    }

    public boolean matches(int tag) {
        if (isPrivateRow()) {
            return ((tag >>> 16) & 1) == 1;
        }
        return (tag & mask) == value;
    }

    /** The option's action for this row, when the option changes it. */
    public Optional<String> optionAction(ProfileOption option) {
        return Optional.ofNullable(optionActions.get(option));
    }

    /** True when the row is date/time information (it has a Retain Longitudinal Temporal column). */
    public boolean isTemporal() {
        return optionActions.containsKey(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)
                || optionActions.containsKey(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES);
    }

    /** True when the Basic action lets the attribute be removed (X alone or as one choice). */
    public boolean mayRemove() {
        return basic.startsWith("X");
    }

    /** True when the Basic action lets the attribute keep a dummy value (D) or an empty one (Z). */
    public boolean allowsDummyOrEmpty() {
        return basic.contains("D") || basic.contains("Z");
    }

    public boolean isUid() {
        return "U".equals(basic);
    }
}
