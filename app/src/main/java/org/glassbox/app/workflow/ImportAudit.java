package org.glassbox.app.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditEntry;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.ImportOutcome;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.workspace.Workspace;

/**
 * The audit entry of an import: the import number and the SOP Instance UIDs it catalogued, the
 * policy and the counts. Never paths: file and folder names can carry patient identity.
 */
public final class ImportAudit {
    private ImportAudit() {
    }

    /** Appends the IMPORT entry for {@code report}; {@code extra} adds parameters (e.g. demo = true). */
    public static AuditEntry record(Workspace workspace, ImportReport report, DeidPolicy policy, Map<String, ?> extra) {
        List<String> objects = new ArrayList<>();
        objects.add(AuditObjects.importRun(report.importId()));
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            catalog.instances().sopInstanceUidsOfImport(report.importId()).forEach(uid -> objects.add(AuditObjects.sop(uid)));
        }
        Map<String, Object> params = new LinkedHashMap<>(extra);
        params.put("policy", policy.name().toLowerCase(Locale.ROOT));
        for (ImportOutcome o : ImportOutcome.values()) {
            params.put(o.name().toLowerCase(Locale.ROOT), report.count(o));
        }
        return AuditLog.record(workspace, AuditAction.IMPORT, objects, params);
    }
}
