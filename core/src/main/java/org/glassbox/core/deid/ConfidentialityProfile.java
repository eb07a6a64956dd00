package org.glassbox.core.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PS3.15 Annex E Table E.1-1 (Application Level Confidentiality Profile Attributes) held as data:
 * the rows are read from {@code ps3.15-table-e1-1.csv} next to this class, which cites the edition.
 * Immutable and thread-safe; {@link #standard()} parses the resource once.
 */
public final class ConfidentialityProfile {
    static final String RESOURCE = "ps3.15-table-e1-1.csv";
    private static final Set<String> ACTIONS = Set.of("D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*");

    private static final ConfidentialityProfile STANDARD = load();

    private final List<ProfileRule> rules;
    private final Map<Integer, ProfileRule> exact;
    private final List<ProfileRule> patterns;
    private final ProfileRule privateRow;

    ConfidentialityProfile(List<ProfileRule> rules) {
        this.rules = List.copyOf(rules);
        Map<Integer, ProfileRule> byTag = new HashMap<>();
        List<ProfileRule> pats = new ArrayList<>();
        ProfileRule priv = null;
        for (ProfileRule r : rules) {
            if (r.isPrivateRow()) {
                priv = r;
            } else if (r.mask() == -1) {
                byTag.put(r.value(), r);
            } else {
                pats.add(r);
            }
        }
        this.exact = Map.copyOf(byTag);
        this.patterns = List.copyOf(pats);
        this.privateRow = priv;
    }

    /** The table as shipped with GlassBox. */
    public static ConfidentialityProfile standard() {
        return STANDARD;
    }

    /** All rows, in file order. */
    public List<ProfileRule> rules() {
        return rules;
    }

    /** The row covering {@code tag}: exact tag first, then patterns (50xx,xxxx; 60xx,3000), then private. */
    public Optional<ProfileRule> rule(int tag) {
        ProfileRule r = exact.get(tag);
        if (r != null) {
            return Optional.of(r);
        }
        for (ProfileRule p : patterns) {
            if (p.matches(tag)) {
                return Optional.of(p);
            }
        }
        if (privateRow != null && privateRow.matches(tag)) {
            return Optional.of(privateRow);
        }
        return Optional.empty();
    }

    private static ConfidentialityProfile load() {
        try (InputStream in = ConfidentialityProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the CSV (comment lines start with '#'; no quoting: values hold no commas). */
    static ConfidentialityProfile parse(BufferedReader reader) throws IOException {
        List<ProfileRule> rules = new ArrayList<>();
        String[] header = null;
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.length != header.length) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": " + cells.length + " cells, expected " + header.length);
            }
            String basic = cells[3];
            if (!ACTIONS.contains(basic)) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": unknown action " + basic);
            }
            Map<ProfileOption, String> options = new EnumMap<>(ProfileOption.class);
            for (int i = 4; i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    String column = header[i];
                    ProfileOption o = ProfileOption.byColumn(column)
                            .orElseThrow(() -> new IllegalStateException(RESOURCE + ": unknown column " + column));
                    options.put(o, cells[i]);
                }
            }
            int value;
            int mask;
            String tag = cells[0];
            if ("private".equals(tag)) {
                value = 0;
                mask = 0;
            } else {
                if (tag.length() != 8) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": bad tag " + tag);
                }
                value = 0;
                mask = 0;
                for (int i = 0; i < 8; i++) {
                    char c = tag.charAt(i);
                    value <<= 4;
                    mask <<= 4;
                    if (c != 'x') {
                        value |= Character.digit(c, 16);
                        mask |= 0xF;
                    }
                }
            }
            rules.add(new ProfileRule(value, mask, cells[1], cells[2], basic, options));
        }
        return new ConfidentialityProfile(rules);
    }
}
