package org.glassbox.app.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.ReviewWorkspaces;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.app.workflow.WorkspaceWorklist;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.AuditRecord;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.viewer.render.MapFootprint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review view in a real headless stage on a small generated workspace with demo-v1 as model A:
 * select a case → scores → Grad-CAM overlay on the viewer → faithfulness → PNG export; the study
 * view is audited, the model's input can be shown, Right steps to the next case.
 */
class ReviewViewTest {
    @TempDir
    static Path root;
    static WorkstationContext context;
    static ReviewView view;
    static List<WorklistRow> rows;
    static WorklistRow withMask;

    @BeforeAll
    static void open() throws Exception {
        ReviewWorkspaces.seeded(root, 6, 128, 11);
        RegisteredModel model = ReviewWorkspaces.registerDemo(root, "demo-v1");
        rows = WorkspaceWorklist.load(root, false, (f, m) -> { });
        withMask = ReviewWorkspaces.firstWithMask(root);
        Stage stage = FxToolkit.registerPrimaryStage();
        onFx(() -> {
            context = WorkstationContext.open(root);
            context.models().setAll(model);
            context.modelA().set(model);
            context.worklist().setRows(rows);
            view = new ReviewView(context);
            stage.setScene(new Scene(view, 1400, 900));
            stage.show();
            return null;
        });
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    @Test
    void selectingACaseScoresItAndGradCamIsOverlaidThenTheViewExportsAsPng() throws Exception {
        onFx(() -> {
            context.currentCase().set(withMask);
            return null;
        });
        FindingsViewModel vm = view.findings();
        CaseViewer viewer = view.viewer();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.scores().isEmpty() && viewer.imageProperty().get() != null);
        // This thread saw the scores list change; the FX thread may still be running its listeners (the finding labels).
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.scores()).hasSize(4);
        assertThat(vm.scores()).allSatisfy(s -> assertThat(s.decision()).isEqualTo(s.score() >= 0.5 ? "positive" : "negative"));
        assertThat(viewer.imagePane().labels()).hasSize((int) vm.scores().stream().filter(FindingsViewModel.LabelScore::positive).count());
        // The generated cohort's mask for the true finding is outlined.
        assertThat(viewer.imagePane().outlines()).isNotEmpty();
        assertThat(vm.methodProperty().get()).isEqualTo(ExplanationMethod.GRADCAM);

        Button explain = (Button) view.lookup("#findings-explain");
        Path file = new org.glassbox.app.workflow.CaseImages(root).fileOf(withMask.sopInstanceUid());
        String truthLabel = withMask.findings().stream()
                .filter(l -> org.glassbox.app.workflow.TruthMasks.findGenerated(file, withMask.sopInstanceUid(), l).isPresent()).findFirst().orElseThrow();
        onFx(() -> {
            vm.targetProperty().set(vm.sessionProperty().get().labels().indexOf(truthLabel));
            explain.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> viewer.imagePane().heatmap() != null);
        assertThat(vm.shownProperty().get().explanation().method()).isEqualTo(ExplanationMethod.GRADCAM);
        assertThat(viewer.imagePane().heatmap().footprint()).isEqualTo(MapFootprint.whole(128, 128)); // demo-v1 resizes the whole frame
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.faithfulnessProperty().get() != null);
        assertThat(vm.faithfulnessTextProperty().get()).contains("Deletion AUC").contains("Pointing game").contains("IoU@10%");

        Path png = root.resolve("exports/view.png");
        onFx(() -> {
            view.panel().exportViewPng(png);
            return null;
        });
        // The export renames the file into place, then hashes and audits it: wait for the audit entry, the last step.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> audited(AuditAction.EXPORT).stream()
                .anyMatch(r -> r.objectsJson().contains(AuditObjects.sop(withMask.sopInstanceUid()))));
        BufferedImage written = ImageIO.read(png.toFile());
        assertThat(written.getWidth()).isEqualTo((int) Math.round(viewer.imagePane().getWidth()));
        assertThat(distinctColours(written)).isGreaterThan(16); // an image with a colour overlay, not a blank frame
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(png)));
        assertThat(audited(AuditAction.EXPORT)).anySatisfy(r -> assertThat(r.objectsJson()).contains(AuditObjects.sop(withMask.sopInstanceUid()))
                .contains(AuditObjects.exportFile(sha)));
        assertThat(audited(AuditAction.STUDY_VIEW)).filteredOn(r -> r.objectsJson().contains(AuditObjects.sop(withMask.sopInstanceUid())))
                .hasSize(1);

        // What the model saw: its 96 × 96 input, the map over all of it.
        onFx(() -> {
            viewer.modelViewShownProperty().set(true);
            return null;
        });
        assertThat(viewer.imagePane().frame().columns()).isEqualTo(96);
        assertThat(viewer.imagePane().heatmap().footprint()).isEqualTo(MapFootprint.whole(96, 96));
        onFx(() -> {
            viewer.modelViewShownProperty().set(false);
            return null;
        });
        assertThat(viewer.imagePane().frame().columns()).isEqualTo(128);

        // Right arrow: the next case of the worklist.
        int index = context.worklist().visibleRows().indexOf(withMask);
        onFx(() -> {
            Event.fireEvent(viewer.imagePane(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", index + 1 < rows.size() ? KeyCode.RIGHT : KeyCode.LEFT,
                    false, false, false, false));
            return null;
        });
        WorklistRow next = context.worklist().visibleRows().get(index + 1 < rows.size() ? index + 1 : index - 1);
        assertThat(context.currentCase().get()).isEqualTo(next);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewer.imageProperty().get() != null
                && viewer.imageProperty().get().sopInstanceUid().equals(next.sopInstanceUid()));
        assertThat(viewer.imagePane().heatmap()).isNull(); // the old case's map is gone
    }

    @Test
    void anUnreadableTruthMaskIsSkippedWithAWarningAndTheCaseStillOpens() throws Exception {
        // Another case than withMask (whose single STUDY_VIEW the other test counts), with a true finding.
        WorklistRow other = rows.stream().filter(r -> !r.sopInstanceUid().equals(withMask.sopInstanceUid()) && !r.findings().isEmpty())
                .findFirst().orElseThrow();
        // every mask of the case unreadable (a case can have several findings, each with its mask)
        Path file = new org.glassbox.app.workflow.CaseImages(root).fileOf(other.sopInstanceUid());
        java.util.Map<Path, byte[]> originals = new java.util.LinkedHashMap<>();
        for (String label : other.findings()) {
            Path mask = file.toAbsolutePath().getParent().getParent().resolve("masks").resolve(other.sopInstanceUid() + "_" + label + ".npy");
            originals.put(mask, Files.exists(mask) ? Files.readAllBytes(mask) : null);
        }
        CaseViewer viewer = view.viewer();
        try {
            for (Path mask : originals.keySet()) {
                Files.write(mask, new byte[] {1, 2, 3}); // not a .npy
            }
            String label = other.findings().get(0);
            assertThat(org.glassbox.app.workflow.TruthMasks.findGenerated(file, other.sopInstanceUid(), label)).isPresent();
            onFx(() -> {
                context.currentCase().set(null); // it may be showing already (the other test steps to the next case)
                context.currentCase().set(other);
                return null;
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewer.imageProperty().get() != null
                    && viewer.imageProperty().get().sopInstanceUid().equals(other.sopInstanceUid()));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(viewer.imagePane().frame()).isNotNull();
            assertThat(viewer.imagePane().outlines()).isEmpty();
            for (String l : other.findings()) {
                assertThat(onFx(() -> List.copyOf(context.notifier().notices()))).anySatisfy(n -> {
                    assertThat(n.level()).isEqualTo(org.glassbox.app.ui.Notice.Level.WARNING);
                    assertThat(n.message()).contains("truth mask for " + l).contains("skipped");
                });
            }
        } finally {
            for (java.util.Map.Entry<Path, byte[]> e : originals.entrySet()) {
                if (e.getValue() != null) {
                    Files.write(e.getKey(), e.getValue());
                } else {
                    Files.deleteIfExists(e.getKey());
                }
            }
            onFx(() -> {
                context.currentCase().set(null); // the other test opens its case afresh
                return null;
            });
        }
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static List<AuditRecord> audited(AuditAction action) {
        List<AuditRecord> list = new java.util.ArrayList<>();
        try (Catalog catalog = Catalog.open(root.resolve("catalog.sqlite"))) {
            catalog.audit().forEach(r -> {
                if (r.action().equals(action.name())) {
                    list.add(r);
                }
            });
        }
        return list;
    }

    static <T> T onFx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        T result = task.get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }
}
