package org.glassbox.app.workflow;

import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.TruthCsv;
import org.glassbox.core.ingest.RecordExtractor;
import org.glassbox.core.workspace.Workspace;

/**
 * Stores a parsed truth table in a workspace's catalog, in one transaction, after pseudonymizing it
 * with the workspace key: {@code site}/{@code institution} become the keyed site hash (as
 * InstitutionName does on import) and {@code patient_id} the keyed patient key (as PatientID does).
 */
public final class TruthImport {
    private TruthImport() {
    }

    /** @return how many of the table's records match catalogued instances */
    public static int store(Workspace workspace, TruthCsv.Table table) {
        RecordExtractor keys = new RecordExtractor(workspace.keyedHash());
        TruthCsv.Table safe = table.pseudonymized(keys::siteKey, id -> keys.patientKey(null, id, null));
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            catalog.inTransaction(() -> {
                catalog.truth().put(safe.records());
                return null;
            });
            return catalog.truth().countCatalogued(safe.records());
        }
    }
}
