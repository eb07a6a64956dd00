package org.glassbox.app.workflow;

import org.glassbox.core.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.workspace.Workspace;

/** Opens a workspace (creating it if needed) and reads its worklist. */
public final class WorkspaceWorklist {
    private WorkspaceWorklist() {
    }

    /**
     * @param seedDemo when true and the workspace is empty, seed it with the demo cohort first
     */
    public static List<WorklistRow> load(Path root, boolean seedDemo, ProgressListener progress) throws IOException {
        progress.update(-1, "Opening workspace " + root + "…");
        Workspace workspace = Workspace.open(root);
        if (seedDemo && DemoWorkspace.needsSeeding(workspace)) {
            DemoWorkspace.seed(workspace, progress);
        }
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            return WorklistQuery.load(catalog);
        }
    }
}
