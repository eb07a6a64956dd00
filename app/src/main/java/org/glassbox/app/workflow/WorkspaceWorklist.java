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
     * Prepares the workspace: with {@code seedDemo}, seeds an empty one with the demo cohort and
     * copies and registers the demo models v1 and v2 (cheap when done before). Engine-free.
     */
    public static void prepare(Path root, boolean seedDemo, ProgressListener progress) throws IOException {
        progress.update(-1, "Opening workspace " + root + "…");
        Workspace workspace = Workspace.open(root);
        if (seedDemo) {
            if (DemoWorkspace.needsSeeding(workspace)) {
                DemoWorkspace.seed(workspace, progress);
            }
            progress.update(-1, "Registering the demo models…");
            DemoModels.install(workspace);
        }
    }

    /** The rows with the scores of model {@code modelSha256} (null: none). Catalog reads only. */
    public static List<WorklistRow> rows(Path root, String modelSha256) {
        try (Catalog catalog = Catalog.open(root.resolve("catalog.sqlite"))) {
            return WorklistQuery.load(catalog, modelSha256);
        }
    }

    /**
     * @param seedDemo when true and the workspace is empty, seed it with the demo cohort first
     */
    public static List<WorklistRow> load(Path root, boolean seedDemo, ProgressListener progress) throws IOException {
        prepare(root, seedDemo, progress);
        return rows(root, null);
    }
}
