package org.glassbox.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.workspace.Workspace;

/** A workspace with a few audit entries, and the raw access a tamperer would use. */
final class AuditFixture {
    final Workspace workspace;
    final List<AuditEntry> entries = new ArrayList<>();

    AuditFixture(Path dir, int count) throws IOException {
        workspace = Workspace.open(dir);
        try (AuditLog log = AuditLog.open(workspace)) {
            for (int i = 1; i <= count; i++) {
                entries.add(log.append(i % 2 == 0 ? AuditAction.INFERENCE : AuditAction.IMPORT,
                        List.of(AuditObjects.sop("1.2.826.0.1." + i), AuditObjects.model("ab".repeat(32))),
                        Map.of("batch", i, "threshold", 0.5, "note", "entry \"" + i + "\"\n")));
            }
        }
    }

    AuditVerification verify() {
        return verify(null);
    }

    AuditVerification verify(String expectHead) {
        try (Catalog c = Catalog.open(workspace.catalogFile())) {
            return AuditVerifier.verify(c, workspace.auditLog(), expectHead);
        }
    }

    List<String> mirrorLines() throws IOException {
        return new ArrayList<>(Files.readAllLines(workspace.auditLog(), StandardCharsets.UTF_8));
    }

    void writeMirror(List<String> lines) throws IOException {
        Files.writeString(workspace.auditLog(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Runs SQL on the catalog directly, as someone with the file would. */
    void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + workspace.catalogFile()); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** An entry built like the real ones, its hash recomputed (what a forger can do). */
    static AuditEntry forged(long seq, String user, String prev) {
        AuditEntry unhashed = new AuditEntry(seq, "2030-01-01T00:00:00.000Z", user, "EXPORT", List.of("sop:9.9.9"), "{}", prev, "");
        return new AuditEntry(seq, unhashed.time(), user, "EXPORT", unhashed.objects(), "{}", prev, AuditCanonical.hash(unhashed));
    }

    static String insertSql(AuditEntry e) {
        return "INSERT INTO audit_log(seq, time, user, action, objects, parameters, prev_hash, entry_hash) VALUES (" + e.seq() + ", '" + e.time()
                + "', '" + e.user() + "', '" + e.action() + "', '" + AuditCanonical.objects(e.objects()) + "', '" + e.parametersJson() + "', '"
                + e.prevHash() + "', '" + e.hash() + "')";
    }
}
