package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditLog;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.workspace.Workspace;

/**
 * Raises, lists and withdraws bias flags in a workspace, with an audit entry for each change
 * ({@link AuditAction#FLAG}: the flag, its instance and model; never the note, which may hold
 * identifying text). Reads and writes the catalog: call off the FX thread.
 */
public final class FlagService {
    private final Workspace workspace;

    public FlagService(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * Stores a new flag and audits it; returns it with its catalog id.
     *
     * @throws IllegalArgumentException when its subgroup is not in {@link FlagSubgroup}'s form (nothing is stored)
     */
    public BiasFlag raise(BiasFlag flag) {
        String why = FlagSubgroup.problem(flag.subgroup());
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        BiasFlag stored;
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            stored = catalog.flags().add(flag);
        }
        AuditLog.record(workspace, AuditAction.FLAG, objects(stored), parameters("raise", stored));
        return stored;
    }

    /** Deletes a flag (the reviewer withdraws it) and audits it; false when it was already gone. */
    public boolean withdraw(BiasFlag flag) {
        boolean deleted;
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            deleted = catalog.flags().delete(flag.id());
        }
        if (deleted) {
            AuditLog.record(workspace, AuditAction.FLAG, objects(flag), parameters("withdraw", flag));
        }
        return deleted;
    }

    /** Every flag, oldest first, with its case's pseudonym and its model's name. */
    public List<FlagListRow> list() {
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            Map<String, String> pseudonyms = new HashMap<>();
            for (WorklistRow r : WorklistQuery.load(catalog)) {
                pseudonyms.put(r.sopInstanceUid(), r.patientPseudonym());
            }
            Map<String, String> models = new HashMap<>();
            for (RegisteredModel m : catalog.models().all()) {
                models.put(m.sha256(), m.id() + " " + m.version());
            }
            List<FlagListRow> rows = new ArrayList<>();
            for (BiasFlag f : catalog.flags().all()) {
                String model = f.modelSha256() == null ? "" : models.getOrDefault(f.modelSha256(), f.modelSha256().substring(0, 12));
                rows.add(new FlagListRow(f, pseudonyms.get(f.sopInstanceUid()), model));
            }
            return rows;
        }
    }

    /** The remembered reviewer pseudonym of this workspace, if any. */
    public String rememberedReviewer() throws IOException {
        return ReviewerPseudonym.remembered(workspace);
    }

    private static List<String> objects(BiasFlag f) {
        List<String> objects = new ArrayList<>();
        objects.add(AuditObjects.flag(Long.toString(f.id())));
        objects.add(AuditObjects.sop(f.sopInstanceUid()));
        if (f.modelSha256() != null) {
            objects.add(AuditObjects.model(f.modelSha256()));
        }
        return objects;
    }

    private static Map<String, Object> parameters(String what, BiasFlag f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("action", what);
        p.put("category", f.category().name());
        p.put("severity", f.severity().name());
        p.put("label", f.label() == null ? "" : f.label());
        p.put("subgroup", f.subgroup() == null ? "" : f.subgroup());
        p.put("reviewer", f.reviewer());
        return p;
    }
}
