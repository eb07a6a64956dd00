package org.glassbox.app.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;

/**
 * The workstation's import (File menu, drag-and-drop): the same pipeline and audit as
 * {@code glassbox import} with the reject policy. The pipeline writes whole batches in one
 * transaction each, so a cancelled import leaves only complete instances in the catalog.
 */
public final class WorkstationImport {
    private WorkstationImport() {
    }

    /**
     * @param paths files, folders and DICOMDIRs
     * @throws CancellationException when {@code cancel} was set (checked after each file); the files
     *                               catalogued before stay, whole
     */
    public static ImportReport run(Path workspaceRoot, List<Path> paths, CancelToken cancel, ProgressListener progress) throws java.io.IOException {
        Workspace workspace = Workspace.open(workspaceRoot);
        progress.update(-1, "Looking for DICOM files…");
        ImportReport report = ImportComposition.pipeline(workspace, ImportOptions.defaults(DeidPolicy.REJECT)).run(paths, (done, total) -> {
            if (cancel.isCancelled()) {
                throw new CancellationException("import cancelled after " + done + " of " + total + " files");
            }
            progress.update(total == 0 ? 1 : (double) done / total, "Imported " + done + "/" + total + " files");
        });
        ImportAudit.record(workspace, report, DeidPolicy.REJECT, Map.of("workstation", true));
        return report;
    }
}
