package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.Prediction;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.deid.DeidPolicy;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.ingest.ImportOptions;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.inference.batch.BatchReport;
import org.glassbox.inference.batch.ItemOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Demo models installed from the classpath, scored over a small imported cohort; a rerun is all cache hits. */
class WorkspaceScoringTest {
    @TempDir
    Path dir;

    @Test
    void demoModelsRegisterOnceAndScoringTwiceComputesThenHitsTheCache() throws Exception {
        Path cohort = dir.resolve("cohort");
        new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), cohort, 5, 7L, 128);
        Workspace ws = Workspace.open(dir.resolve("ws"));
        ImportComposition.pipeline(ws, ImportOptions.defaults(DeidPolicy.REJECT)).run(List.of(cohort), (d, t) -> { });

        List<RegisteredModel> models = DemoModels.install(ws);
        assertThat(models).extracting(RegisteredModel::version).hasSize(2);
        assertThat(models).extracting(RegisteredModel::path)
                .containsExactly(ws.root().resolve("models/demo-v1").toString(), ws.root().resolve("models/demo-v2").toString());
        for (String f : DemoModels.FILES) {
            assertThat(ws.root().resolve("models/demo-v1").resolve(f)).isRegularFile();
        }
        try (var leftovers = Files.list(ws.root().resolve("models"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("demo-v1", "demo-v2");
        }
        long registrations = registrations(ws);
        assertThat(registrations).isEqualTo(2);
        // Installing again registers nothing new and audits nothing.
        assertThat(DemoModels.install(ws)).isEqualTo(models);
        assertThat(registrations(ws)).isEqualTo(2);

        RegisteredModel v1 = models.get(0);
        int instances;
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            instances = c.instances().count();
        }
        assertThat(WorkspaceScoring.missing(ws, v1.sha256())).isEqualTo(instances).isEqualTo(5);
        try (ModelSessions sessions = new ModelSessions(ws.root())) {
            ModelSession session = sessions.open(v1);
            BatchReport first = WorkspaceScoring.score(ws, session, new CancelToken(), ProgressListener.NONE);
            assertThat(first.count(ItemOutcome.Status.COMPUTED)).isEqualTo(5);
            assertThat(WorkspaceScoring.missing(ws, v1.sha256())).isZero();
            BatchReport second = WorkspaceScoring.score(ws, session, new CancelToken(), ProgressListener.NONE);
            assertThat(second.count(ItemOutcome.Status.CACHED)).isEqualTo(5);
            assertThat(second.count(ItemOutcome.Status.COMPUTED)).isZero();
        }
        assertThat(audits(ws, AuditAction.INFERENCE)).isEqualTo(2);

        // The worklist shows model A's stored scores, label by label; model B's are not there yet.
        List<WorklistRow> rows = WorkspaceWorklist.rows(ws.root(), v1.sha256());
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            Map<String, Prediction> stored = c.predictions().find(v1.sha256(), rows.stream().map(WorklistRow::sopInstanceUid).toList());
            for (WorklistRow r : rows) {
                Prediction p = stored.get(r.sopInstanceUid());
                assertThat(r.scores().keySet()).containsExactlyElementsOf(p.labels());
                for (int k = 0; k < p.labels().size(); k++) {
                    assertThat(r.score(p.labels().get(k))).isEqualTo((double) p.scores()[k]);
                }
            }
        }
        assertThat(WorkspaceWorklist.rows(ws.root(), models.get(1).sha256())).allSatisfy(r -> assertThat(r.scores()).isEmpty());
    }

    private static long registrations(Workspace ws) {
        return audits(ws, AuditAction.MODEL_REGISTRATION);
    }

    private static long audits(Workspace ws, AuditAction action) {
        long[] n = {0};
        try (Catalog c = Catalog.open(ws.catalogFile())) {
            c.audit().forEach(r -> n[0] += r.action().equals(action.name()) ? 1 : 0);
        }
        return n[0];
    }
}
