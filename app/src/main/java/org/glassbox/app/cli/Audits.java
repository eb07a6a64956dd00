package org.glassbox.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.workspace.Workspace;

/** Audit entries of commands that can run without a workspace (infer on files, models verify). */
final class Audits {
    private Audits() {
    }

    /**
     * Appends to the workspace at {@code root} when it exists (has a catalog); a command run on loose
     * files with no workspace creates none just to hold its audit entry.
     */
    static void recordIfWorkspace(Path root, AuditAction action, List<String> objects, Map<String, ?> parameters) throws IOException {
        if (Files.isRegularFile(root.resolve("catalog.sqlite"))) {
            AuditLog.record(Workspace.open(root), action, objects, parameters);
        }
    }

    /** {@code model:<sha256>} objects for the models an audit or comparison read. */
    static List<String> modelObjects(Map<String, String> shaByName) {
        return shaByName.values().stream().map(org.glassbox.core.audit.AuditObjects::model).toList();
    }
}
