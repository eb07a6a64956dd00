package org.glassbox.core.workspace;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Settings of one workspace, read from {@code <workspace>/settings.properties} (Java properties,
 * UTF-8). Absent file or key = the default. Keys:
 *
 * <pre>
 * audit.user = R-07               pseudonym recorded as the user of audit entries (default: the OS user name)
 * models.requireSignature = true  refuse model packages without a valid signature by a trusted key (default false)
 * </pre>
 *
 * @param auditUser        the configured pseudonym, or null for the OS user name
 * @param requireSignature whether unsigned (or untrusted-signed) model packages are refused
 */
public record WorkspaceSettings(String auditUser, boolean requireSignature) {
    /** The file name inside the workspace. */
    public static final String FILE = "settings.properties";
    public static final String AUDIT_USER = "audit.user";
    public static final String REQUIRE_SIGNATURE = "models.requireSignature";

    public static final WorkspaceSettings DEFAULTS = new WorkspaceSettings(null, false);

    /** @throws IOException naming the file and key when a value is malformed */
    public static WorkspaceSettings load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": malformed properties file: " + e.getMessage(), e);
        }
        String user = p.getProperty(AUDIT_USER);
        user = user == null || user.isBlank() ? null : user.strip();
        String require = p.getProperty(REQUIRE_SIGNATURE, "false").strip().toLowerCase(Locale.ROOT);
        if (!require.equals("true") && !require.equals("false")) {
            throw new IOException(file + ": " + REQUIRE_SIGNATURE + " must be true or false, got '" + require + "'");
        }
        return new WorkspaceSettings(user, require.equals("true"));
    }

    /** Who audit entries name: the configured pseudonym, else the OS user name. */
    public String effectiveAuditUser() {
        return auditUser != null ? auditUser : System.getProperty("user.name", "unknown");
    }
}
