package org.glassbox.core.privacy;

/**
 * Something in a free-text note that looks like protected health information.
 *
 * @param kind   what it looks like
 * @param start  index of its first character in the note (UTF-16 units, as {@link String#substring})
 * @param end    index after its last character
 * @param reason one line for the warning, never repeating the matched text
 */
public record PhiFinding(Kind kind, int start, int end, String reason) {
    public enum Kind { DATE, ID_NUMBER, PHONE, EMAIL, NAME }
}
