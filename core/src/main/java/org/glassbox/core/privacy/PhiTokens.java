package org.glassbox.core.privacy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassbox.core.crypto.KeyedHash;

/**
 * How header values and free text are cut into tokens and keyed-hashed, the same way on both sides,
 * so a note's words can be compared with the names seen in identifying headers without storing any
 * name. Names: runs of letters, accents removed (NFKD), upper-cased, at least 2 letters, honorifics and
 * suffixes (DR, MR, JR …) skipped. Identifiers: runs of letters and digits holding at least one digit
 * and at least 4 characters, upper-cased. Hashes: HMAC-SHA256 under the workspace key, 64 hex digits,
 * domains {@value #NAME_DOMAIN} and {@value #ID_DOMAIN}.
 */
public final class PhiTokens {
    public static final String NAME_DOMAIN = "phi-name-token";
    public static final String ID_DOMAIN = "phi-id-token";
    static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    static final Pattern ALNUM_WITH_DIGIT = Pattern.compile("[\\p{L}\\p{Nd}]*\\p{Nd}[\\p{L}\\p{Nd}]*");
    static final int MIN_ID_LENGTH = 4;
    /** Parts of a DICOM person name that are titles, not names (PS3.5 6.2.1: prefix and suffix components). */
    private static final Set<String> NOT_NAMES = Set.of("DR", "MR", "MRS", "MS", "MISS", "MX", "PROF", "SIR", "DAME", "REV", "JR", "SR",
            "MD", "PHD", "DO", "RN", "II", "III", "IV");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private PhiTokens() {
    }

    /** A token and where it is in the text (end exclusive). */
    record Token(String normalised, int start, int end) {
    }

    /** Name tokens of {@code text}, with their spans in it. */
    static List<Token> nameTokens(String text) {
        List<Token> out = new ArrayList<>();
        Matcher m = LETTERS.matcher(text);
        while (m.find()) {
            String n = normaliseName(m.group());
            if (n.length() >= 2 && !NOT_NAMES.contains(n)) {
                out.add(new Token(n, m.start(), m.end()));
            }
        }
        return out;
    }

    /** Identifier tokens of {@code text} (letter-digit runs with a digit), with their spans. */
    static List<Token> idTokens(String text) {
        List<Token> out = new ArrayList<>();
        Matcher m = ALNUM_WITH_DIGIT.matcher(text);
        while (m.find()) {
            if (m.group().length() >= MIN_ID_LENGTH) {
                out.add(new Token(m.group().toUpperCase(Locale.ROOT), m.start(), m.end()));
            }
        }
        return out;
    }

    static String normaliseName(String letters) {
        return MARKS.matcher(Normalizer.normalize(letters, Normalizer.Form.NFKD)).replaceAll("").toUpperCase(Locale.ROOT);
    }

    public static String nameHash(KeyedHash key, String normalisedToken) {
        return key.hex(NAME_DOMAIN, normalisedToken, 32);
    }

    public static String idHash(KeyedHash key, String normalisedToken) {
        return key.hex(ID_DOMAIN, normalisedToken, 32);
    }
}
