package org.glassbox.app.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;

/**
 * The workstation's import (File menu, drag-and-drop): the same pipeline and audit as
 * {@code glassbox import} with the reject policy. The pipeline writes whole batches in one
 * transaction each, so a cancelled import leaves only complete instances in the catalog, logged as a
 * finished import of the files it reached (and audited as such).
 */
public final class WorkstationImport {
    private WorkstationImport() {
    }

    /**
     * @param paths files, folders and DICOMDIRs
     * @param cancel checked before each file is started; when set, the files already being prepared
     *               are finished and the rest left ({@link ImportReport#notReached})
     */
    public static ImportReport run(Path workspaceRoot, List<Path> paths, CancelToken cancel, ProgressListener progress) throws java.io.IOException {
        Workspace workspace = Workspace.open(workspaceRoot);
        progress.update(-1, "Looking for DICOM files…");
        ImportReport report = ImportComposition.pipeline(workspace, ImportOptions.defaults(DeidPolicy.REJECT)).run(paths,
                (done, total) -> progress.update(total == 0 ? 1 : (double) done / total, "Imported " + done + "/" + total + " files"), cancel);
        ImportAudit.record(workspace, report, DeidPolicy.REJECT, report.cancelled()
                ? Map.of("workstation", true, "cancelled", true, "notReached", report.notReached())
                : Map.of("workstation", true));
        return report;
    }
}
