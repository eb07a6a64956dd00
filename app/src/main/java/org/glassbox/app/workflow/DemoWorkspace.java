package org.glassbox.app.workflow;

import org.glassbox.core.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.TruthCsv;
import org.glassbox.core.catalog.TruthCsvException;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.ingest.ImportReport;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.Finding;
import org.glassbox.core.synth.ShortcutConfig;
import org.glassbox.core.workspace.Workspace;

/**
 * Seeds a new workspace with the demo cohort, so a newcomer sees GlassBox working at once: a
 * synthetic cohort (with ground truth and an injected shortcut at one site) generated into
 * {@code demo-cohort/} and imported through the same gate as any other data.
 */
public final class DemoWorkspace {
    /** Small enough to be ready in seconds, large enough for per-subgroup statistics to mean something. */
    public static final int STUDIES = 120;
    public static final int SIZE = 512;
    public static final long SEED = 20261123L;
    static final String FOLDER = "demo-cohort";

    private DemoWorkspace() {
    }

    /**
     * Written (atomically) once the cohort is imported and its truth and audit entry stored. Its
     * absence next to an existing {@code demo-cohort/} means a first run was stopped half-way.
     */
    static final String SEEDED_MARKER = ".demo-seeded";

    /**
     * True when seeding is unfinished (a {@code demo-cohort/} without the completion marker: a first
     * run stopped after generating it) or was never started on an empty catalog.
     */
    public static boolean needsSeeding(Workspace workspace) {
        if (Files.exists(workspace.root().resolve(SEEDED_MARKER))) {
            return false;
        }
        if (Files.exists(workspace.root().resolve(FOLDER))) {
            return true;
        }
        try (Catalog catalog = Catalog.open(workspace.catalogFile())) {
            return catalog.studies().count() == 0;
        }
    }

    /**
     * Generates and imports the demo cohort, stores its truth and audit entry, then writes the
     * completion marker. Safe to re-run after a crash: a half-made cohort never appears (the
     * generator renames it into place), the import and truth store are idempotent.
     */
    public static ImportReport seed(Workspace workspace, ProgressListener progress) throws IOException {
        Path cohort = workspace.root().resolve(FOLDER);
        if (!Files.exists(cohort)) {
            progress.update(-1, "Generating the demo cohort (" + STUDIES + " synthetic chest radiographs)…");
            CohortConfig defaults = CohortConfig.defaults();
            CohortConfig config = defaults.withShortcut(ShortcutConfig.strong(defaults.sites().get(1).name(), Finding.CONSOLIDATION));
            new CohortGenerator(Dicom.writer(), Runtime.getRuntime().availableProcessors())
                    .generate(config, cohort, STUDIES, SEED, SIZE);
        }
        ImportReport report = ImportComposition.pipeline(workspace, ImportOptions.defaults(DeidPolicy.REJECT))
                .run(List.of(cohort), (done, total) -> progress.update((double) done / total, "Importing the demo cohort: " + done + "/" + total));
        try {
            TruthImport.store(workspace, TruthCsv.read(cohort.resolve("truth.csv")));
        } catch (TruthCsvException e) {
            throw new IOException("demo cohort truth.csv: " + e.getMessage(), e);
        }
        ImportAudit.record(workspace, report, DeidPolicy.REJECT, java.util.Map.of("demo", true, "seed", SEED, "studies", STUDIES));
        markSeeded(workspace);
        return report;
    }

    /** Writes the completion marker (temp file + atomic rename: it exists whole or not at all). */
    static void markSeeded(Workspace workspace) throws IOException {
        AtomicFiles.write(workspace.root().resolve(SEEDED_MARKER),
                tmp -> Files.writeString(tmp, "demo cohort imported: " + STUDIES + " studies, seed " + SEED + "\n"));
    }
}
