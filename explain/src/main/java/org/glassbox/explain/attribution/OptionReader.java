package org.glassbox.explain.attribution;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads CLI-style options ({@code name → text}) for one method, remembering which names it was asked
 * for, so that {@link #finish()} can refuse names nobody knows (a typo must not be silently ignored).
 * Every refusal is an {@link IllegalArgumentException} naming the method, the option and the reason.
 */
final class OptionReader {
    private final String method;
    private final Map<String, String> options;
    private final Set<String> known = new LinkedHashSet<>();

    OptionReader(String method, Map<String, String> options) {
        this.method = method;
        this.options = Map.copyOf(options);
    }

    /** The trimmed text of {@code name}, or null when absent. */
    String text(String name) {
        known.add(name);
        String value = options.get(name);
        return value == null ? null : value.trim();
    }

    int integer(String name, int fallback, int min, int max) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(name, value, "not an integer");
        }
        if (parsed < min || parsed > max) {
            throw bad(name, value, "must be in [" + min + ", " + max + "]");
        }
        return parsed;
    }

    long longInteger(String name, long fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(name, value, "not an integer");
        }
    }

    /** A finite number in [min, max]. */
    double decimal(String name, double fallback, double min, double max) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw bad(name, value, "not a number");
        }
        if (!Double.isFinite(parsed) || parsed < min || parsed > max) {
            throw bad(name, value, "must be a finite number in [" + min + ", " + max + "]");
        }
        return parsed;
    }

    /** One of the constants of {@code type}, matched on its lower-case name with '-' for '_'. */
    <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (cliName(constant).equals(value.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return constant;
            }
        }
        throw bad(name, value, "expected one of " + Arrays.stream(type.getEnumConstants()).map(OptionReader::cliName).toList());
    }

    Path path(String name) {
        String value = text(name);
        return value == null || value.isEmpty() ? null : Path.of(value);
    }

    /** @throws IllegalArgumentException when an option was given that no reader asked for */
    void finish() {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(method + ": unknown option" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + "; known: " + new TreeSet<>(known));
        }
    }

    IllegalArgumentException bad(String name, String value, String reason) {
        return new IllegalArgumentException(method + ": option " + name + "=" + value + ": " + reason);
    }

    static String cliName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
