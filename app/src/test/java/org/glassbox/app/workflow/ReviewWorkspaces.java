package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.app.cli.GlassBoxCli;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.catalog.TruthCsv;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.workspace.Workspace;

/**
 * Small workspaces for the review tests: a generated cohort (with truth masks beside it, as the
 * demo workspace has) imported through the normal gate, and the shipped demo-v1 package registered
 * as {@code glassbox models add} does.
 */
public final class ReviewWorkspaces {
    private ReviewWorkspaces() {
    }

    /** {@code studies} generated chest radiographs of {@code size}² pixels, imported with their truth. */
    public static Workspace seeded(Path root, int studies, int size, long seed) throws Exception {
        Workspace ws = Workspace.open(root);
        Path cohort = root.resolve("demo-cohort");
        new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), cohort, studies, seed, size);
        ImportComposition.pipeline(ws, ImportOptions.defaults(DeidPolicy.REJECT)).run(List.of(cohort), (done, total) -> { });
        TruthImport.store(ws, TruthCsv.read(cohort.resolve("truth.csv")));
        return ws;
    }

    /** The shipped demo package folder ({@code demo-v1} or {@code demo-v2}) in the source tree. */
    public static Path demoPackage(String name) {
        Path here = Path.of("").toAbsolutePath();
        String relative = "resources/src/main/resources/org/glassbox/resources/models/" + name;
        return Files.isDirectory(here.resolve(relative)) ? here.resolve(relative) : here.getParent().resolve(relative);
    }

    /** Registers a demo package with the workspace's catalog through the CLI and returns the entry. */
    public static RegisteredModel registerDemo(Path root, String name) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "models", "add", demoPackage(name).toString(),
                "--workspace", root.toString());
        assertThat(code).as(err.toString()).isZero();
        try (Catalog catalog = Catalog.open(root.resolve("catalog.sqlite"))) {
            return catalog.models().all().get(catalog.models().all().size() - 1);
        }
    }

    /** The worklist rows, and the first one with a true finding that has a generated mask. */
    public static WorklistRow firstWithMask(Path root) throws IOException {
        CaseImages images = new CaseImages(root);
        for (WorklistRow row : WorkspaceWorklist.load(root, false, (f, m) -> { })) {
            for (String label : row.findings()) {
                if (TruthMasks.findGenerated(images.fileOf(row.sopInstanceUid()), row.sopInstanceUid(), label).isPresent()) {
                    return row;
                }
            }
        }
        throw new AssertionError("no case with a truth mask in " + root);
    }
}
