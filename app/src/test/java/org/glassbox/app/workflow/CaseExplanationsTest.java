package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.AuditRecord;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.task.CancelToken;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.quality.QualityFigures;
import org.glassbox.explain.quality.RegionMask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workstation's explanation workflow on a real catalogued case and the real demo-v1 model:
 * look → explain → cache hit → audit entries; faithfulness with the generated cohort's truth mask;
 * map export as DICOM. One small workspace (8 generated studies, 128²) shared by the tests.
 */
class CaseExplanationsTest {
    @TempDir
    static Path root;
    static ModelSessions sessions;
    static ModelSession session;
    static WorklistRow row;
    static Path file;

    @BeforeAll
    static void workspace() throws Exception {
        ReviewWorkspaces.seeded(root, 8, 128, 7);
        RegisteredModel model = ReviewWorkspaces.registerDemo(root, "demo-v1");
        sessions = new ModelSessions(root);
        session = sessions.open(model);
        row = ReviewWorkspaces.firstWithMask(root);
        file = new CaseImages(root).fileOf(row.sopInstanceUid());
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    @Test
    void lookGivesTheModelsInputAndSigmoidScoresOfItsLogits() throws Exception {
        CaseExplanations.ModelView view = new CaseExplanations(root).look(session, file);
        assertThat(view.input().shape()).containsExactly(1, 96, 96);
        for (float v : view.input().data()) {
            assertThat(v).isBetween(0f, 1f); // demo-v1 scales to [0, 1]
        }
        assertThat(view.scores()).hasSize(session.labels().size());
        for (int i = 0; i < view.scores().length; i++) {
            assertThat((double) view.scores()[i]).isCloseTo(1 / (1 + Math.exp(-view.logits()[i])), within(1e-5));
        }
        assertThat(view.scores()[view.topOutput()]).isEqualTo(max(view.scores()));
    }

    @Test
    void aSecondExplanationComesFromTheCacheWithTheSameMapAndBothAreAudited() throws Exception {
        CaseExplanations explanations = new CaseExplanations(root);
        CaseExplanations.ModelView view = explanations.look(session, file);
        int target = session.labels().indexOf(row.findings().get(0));
        long before = count(AuditAction.EXPLANATION);

        CaseExplanations.Result first = explanations.explain(session, row.sopInstanceUid(), view,
                CaseExplanations.Request.of(ExplanationMethod.GRADCAM, target), new CancelToken(), (f, m) -> { });
        CaseExplanations.Result second = new CaseExplanations(root).explain(session, row.sopInstanceUid(), view,
                CaseExplanations.Request.of(ExplanationMethod.GRADCAM, target), new CancelToken(), (f, m) -> { });

        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.explanation().imageMap().values()).containsExactly(first.explanation().imageMap().values());
        assertThat(first.explanation().imageMap().height()).isEqualTo(96);
        List<AuditRecord> entries = records(AuditAction.EXPLANATION);
        assertThat(entries).hasSize((int) before + 2);
        AuditRecord last = entries.get(entries.size() - 1);
        assertThat(last.objectsJson()).contains(AuditObjects.sop(row.sopInstanceUid())).contains(AuditObjects.model(session.sha256()))
                .doesNotContain(root.toString());
        assertThat(last.parametersJson()).contains("\"cached\":true").contains("gradcam");
    }

    @Test
    void aTargetOutsideTheModelsOutputsIsRefusedWithOneLine() throws Exception {
        CaseExplanations explanations = new CaseExplanations(root);
        CaseExplanations.ModelView view = explanations.look(session, file);
        assertThatThrownBy(() -> explanations.explain(session, row.sopInstanceUid(), view, CaseExplanations.Request.of(ExplanationMethod.GRADCAM, 9),
                new CancelToken(), (f, m) -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    @Test
    void faithfulnessWithTheGeneratedMaskHasCurvesAndMaskFigures() throws Exception {
        CaseExplanations explanations = new CaseExplanations(root);
        CaseExplanations.ModelView view = explanations.look(session, file);
        String label = row.findings().get(0);
        var e = explanations.explain(session, row.sopInstanceUid(), view,
                CaseExplanations.Request.of(ExplanationMethod.GRADCAM, session.labels().indexOf(label)), new CancelToken(), (f, m) -> { }).explanation();
        Path maskFile = TruthMasks.findGenerated(file, row.sopInstanceUid(), label).orElseThrow();
        RegionMask truth = TruthMasks.onMapGrid(maskFile, 96, 96, 128, 128, session.preprocessor().spec());

        QualityFigures with = explanations.faithfulness(session, view, e, truth, 10, new CancelToken(), (f, m) -> { });
        QualityFigures without = explanations.faithfulness(session, view, e, null, 10, new CancelToken(), (f, m) -> { });

        assertThat(with.deletion().auc()).isBetween(0.0, 1.0);
        assertThat(with.insertion().auc()).isBetween(0.0, 1.0);
        assertThat(with.pointing()).isIn(0.0, 1.0);
        assertThat(with.energyPointing()).isBetween(0.0, 1.0);
        assertThat(with.iouAtTopPercent()).containsKey(10.0);
        assertThat(without.iouAtTopPercent()).isEmpty();
        assertThat(without.pointing()).isNaN();
        // The curves do not depend on the mask.
        assertThat(without.deletion().auc()).isEqualTo(with.deletion().auc());
    }

    @Test
    void theMapExportsAsAParametricMapReferencingTheImageAndIsAudited() throws Exception {
        CaseExplanations explanations = new CaseExplanations(root);
        CaseExplanations.ModelView view = explanations.look(session, file);
        var e = explanations.explain(session, row.sopInstanceUid(), view, CaseExplanations.Request.of(ExplanationMethod.GRADCAM, 0),
                new CancelToken(), (f, m) -> { }).explanation();
        DicomDataset source = Dicom.reader().open(file).dataset();
        Path out = root.resolve("exports/map.dcm");

        String sha = new CaseExports(root).exportParametricMap(row.sopInstanceUid(), source, e, session, out);

        DicomFile written = Dicom.reader().open(out);
        assertThat(written.dataset().string(DicomTags.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.30");
        assertThat(written.dataset().integer(DicomTags.Rows, -1)).isEqualTo(96);
        assertThat(written.dataset().string(DicomTags.StudyInstanceUID)).isEqualTo(source.string(DicomTags.StudyInstanceUID));
        assertThat(CaseExports.sha256(out)).isEqualTo(sha);
        List<AuditRecord> exports = records(AuditAction.EXPORT);
        assertThat(exports.get(exports.size() - 1).objectsJson()).contains(AuditObjects.exportFile(sha)).doesNotContain("map.dcm");
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    static long count(AuditAction action) {
        return records(action).size();
    }

    static List<AuditRecord> records(AuditAction action) {
        List<AuditRecord> list = new ArrayList<>();
        try (Catalog catalog = Catalog.open(root.resolve("catalog.sqlite"))) {
            catalog.audit().forEach(r -> {
                if (r.action().equals(action.name())) {
                    list.add(r);
                }
            });
        }
        return list;
    }
}
