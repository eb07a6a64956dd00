package org.glassbox.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
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

    /** The parameters that decide a fairness audit or comparison's numbers, for its audit entry. */
    static Map<String, Object> fairnessParameters(FairnessSettings settings, int cases, String source) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", source);
        p.put("cases", cases);
        p.put("labels", String.join(",", settings.labels()));
        p.put("by", String.join(",", settings.groupings().stream().map(Grouping::name).toList()));
        p.put("threshold", settings.threshold().describe());
        p.put("bootstrap", settings.bootstrapResamples());
        p.put("seed", settings.seed());
        return p;
    }

    /** {@code model:<sha256>} objects for the models an audit or comparison read. */
    static List<String> modelObjects(Map<String, String> shaByName) {
        return shaByName.values().stream().map(org.glassbox.core.audit.AuditObjects::model).toList();
    }
}
