package org.glassbox.app.workflow;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.core.workspace.WorkspaceSettings;

/**
 * The reviewer pseudonym a workspace remembers for its flags: key {@value #KEY} in
 * {@code settings.properties}, falling back to {@code audit.user} when that is set (never the OS
 * user name, which is often a real name). A pseudonym is one token of 1–32 letters, digits,
 * {@code . _ -} — a space is refused, so "Jane Doe" cannot be typed in by habit.
 */
public final class ReviewerPseudonym {
    /** The settings key. */
    public static final String KEY = "flags.reviewer";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private ReviewerPseudonym() {
    }

    /** Null when valid, else one line saying why not. */
    public static String problem(String pseudonym) {
        if (pseudonym == null || pseudonym.isBlank()) {
            return "a reviewer pseudonym is required (e.g. R-07)";
        }
        if (!VALID.matcher(pseudonym.strip()).matches()) {
            return "a reviewer pseudonym is one word of up to 32 letters, digits, '.', '_' or '-' (e.g. R-07), not a name";
        }
        return null;
    }

    /** The remembered pseudonym, else {@code audit.user}, else empty. */
    public static String remembered(Workspace workspace) throws IOException {
        Path file = workspace.settingsFile();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": malformed properties file: " + e.getMessage(), e);
            }
            String v = p.getProperty(KEY);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        String audit = workspace.settings().auditUser();
        return audit == null ? "" : audit;
    }

    /**
     * Remembers {@code pseudonym}: replaces the {@value #KEY} line of settings.properties (or appends
     * one), leaving every other line — comments included — as it was. Written atomically.
     */
    public static void remember(Workspace workspace, String pseudonym) throws IOException {
        String why = problem(pseudonym);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        Path file = workspace.settingsFile();
        List<String> lines = Files.isRegularFile(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
        String line = KEY + " = " + pseudonym.strip();
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).stripLeading();
            if (s.startsWith(KEY) && s.substring(KEY.length()).stripLeading().matches("^[=:].*|^$")) {
                lines.set(i, line);
                replaced = true;
            }
        }
        if (!replaced) {
            if (lines.isEmpty()) {
                lines.add("# GlassBox workspace settings (see " + WorkspaceSettings.class.getSimpleName() + ")");
            }
            lines.add(line);
        }
        AtomicFiles.write(file, tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
    }
}
