package org.glassbox.app.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The subgroup a bias flag names: {@code attr=value} terms joined by {@code *} (e.g.
 * {@code sex=F*age_band=60-79*site=1a2b3c4d}), with the fairness audit's attribute names. It goes into
 * every FLAG audit entry and every feedback bundle, so it is checked like data, not taken as free
 * text: only the attributes in {@link #ATTRIBUTES}, each at most once, each value in its attribute's
 * form. Values of {@link #FREE_TEXT} attributes (header strings) are also PHI-scanned before a bundle
 * leaves the workspace.
 */
public final class FlagSubgroup {
    /** Attribute → the form its value must have. */
    private static final Map<String, Pattern> ATTRIBUTES = attributes();

    /** Attribute names accepted, in the order the help text lists them. */
    public static final List<String> NAMES = List.copyOf(ATTRIBUTES.keySet());

    /** Attributes whose values are header strings (DICOM LO/CS) rather than codes or keyed hashes. */
    public static final List<String> FREE_TEXT = List.of("manufacturer", "model", "view", "modality");

    private FlagSubgroup() {
    }

    private static Map<String, Pattern> attributes() {
        Map<String, Pattern> a = new LinkedHashMap<>();
        a.put("sex", Pattern.compile("[FMO]"));
        // AgeBands labels: "0-17", "80+", fractional edges allowed ("0.5-2")
        a.put("age_band", Pattern.compile("\\d{1,3}(?:\\.\\d+)?(?:-\\d{1,3}(?:\\.\\d+)?|\\+)"));
        // the worklist's site: leading hex digits of the keyed site hash, never a name
        a.put("site", Pattern.compile("[0-9a-fA-F]{8,64}"));
        // Manufacturer / ManufacturerModelName (LO, ≤ 64 characters)
        a.put("manufacturer", Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+()-]{0,63}"));
        a.put("model", Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+()-]{0,63}"));
        // ViewPosition / Modality (CS, ≤ 16 characters)
        a.put("view", Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _]{0,15}"));
        a.put("modality", Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _]{0,15}"));
        return a;
    }

    /**
     * Null when {@code subgroup} is acceptable — null or blank (no subgroup), or {@code attr=value}
     * terms joined by {@code *} — else one line saying why not (never repeating the text).
     */
    public static String problem(String subgroup) {
        if (subgroup == null || subgroup.isBlank()) {
            return null;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String term : subgroup.strip().split("\\*", -1)) {
            int eq = term.indexOf('=');
            if (eq < 0) {
                return "a subgroup is attribute=value terms joined by '*' (e.g. sex=F*age_band=60-79)";
            }
            String name = term.substring(0, eq).strip();
            String value = term.substring(eq + 1).strip();
            Pattern form = ATTRIBUTES.get(name);
            if (form == null) {
                return "a subgroup attribute is one of " + String.join(", ", NAMES) + "; the subgroup names another";
            }
            if (seen.put(name, value) != null) {
                return "the subgroup names " + name + " twice";
            }
            if (!form.matcher(value).matches()) {
                return "the subgroup's " + name + " value is not in its form (" + example(name) + ")";
            }
        }
        return null;
    }

    /**
     * The terms of an acceptable subgroup, attribute → value in the order given.
     *
     * @throws IllegalArgumentException with {@link #problem}'s text when it is not acceptable
     */
    public static Map<String, String> parse(String subgroup) {
        String why = problem(subgroup);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        Map<String, String> terms = new LinkedHashMap<>();
        if (subgroup != null && !subgroup.isBlank()) {
            for (String term : subgroup.strip().split("\\*")) {
                int eq = term.indexOf('=');
                terms.put(term.substring(0, eq).strip(), term.substring(eq + 1).strip());
            }
        }
        return terms;
    }

    private static String example(String name) {
        return switch (name) {
            case "sex" -> "F, M or O";
            case "age_band" -> "e.g. 60-79 or 80+";
            case "site" -> "the worklist's 8 hex digits";
            case "view", "modality" -> "up to 16 letters, digits, spaces or '_'";
            default -> "up to 64 letters, digits, spaces or . _ + ( ) -";
        };
    }
}
