package org.glassbox.inference.pkg;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as JSON tokens: lower case, '-' for '_' (DICOM_VOI ↔ "dicom-voi"). */
public final class EnumTokens {
    private EnumTokens() {
    }

    public static String token(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose token is {@code text} (case-insensitive, '_' accepted for '-'), or null. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E constant : type.getEnumConstants()) {
            if (token(constant).equals(wanted)) {
                return constant;
            }
        }
        return null;
    }

    /** "a, b or c" for messages. */
    public static String choices(Class<? extends Enum<?>> type) {
        String[] tokens = Arrays.stream(type.getEnumConstants()).map(EnumTokens::token).toArray(String[]::new);
        if (tokens.length == 1) {
            return tokens[0];
        }
        return Arrays.stream(tokens, 0, tokens.length - 1).collect(Collectors.joining(", ")) + " or " + tokens[tokens.length - 1];
    }
}
