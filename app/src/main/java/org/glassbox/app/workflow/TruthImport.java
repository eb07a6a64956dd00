package org.glassbox.app.workflow;

import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.TruthCsv;
import org.glassbox.core.workspace.Workspace;

/** Stores a parsed truth table in a workspace's catalog, in one transaction. */
public final class TruthImport {
    private TruthImport() {
    }

    /** @return how many of the table's records match catalogued instances */
    public static int store(Workspace workspace, TruthCsv.Table table) {
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            catalog.inTransaction(() -> {
                catalog.truth().put(table.records());
                return null;
            });
            return catalog.truth().countCatalogued(table.records());
        }
    }
}
