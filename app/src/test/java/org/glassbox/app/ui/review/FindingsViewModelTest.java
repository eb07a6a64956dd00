package org.glassbox.app.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.glassbox.app.ui.Notice;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.ReviewWorkspaces;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.app.workflow.WorkspaceWorklist;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.quality.Curve;
import org.glassbox.explain.quality.QualityFigures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The findings panel's state, headless (the FX toolkit only runs the job callbacks). */
class FindingsViewModelTest {
    @TempDir
    Path root;
    private WorkstationContext context;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void decisionsFollowTheThreshold() {
        assertThat(new FindingsViewModel.LabelScore(0, "nodule", 0.5, 0.5).decision()).isEqualTo("positive");
        assertThat(new FindingsViewModel.LabelScore(0, "nodule", 0.4999, 0.5).decision()).isEqualTo("negative");
        assertThat(new FindingsViewModel.LabelScore(0, "nodule", 0.2, 0.1).positive()).isTrue();
    }

    @Test
    void everyMethodHasAShortDescriptionNamingIt() {
        EnumSet<ExplanationMethod> seen = EnumSet.noneOf(ExplanationMethod.class);
        for (ExplanationMethod m : ExplanationMethod.values()) {
            String d = FindingsViewModel.describe(m);
            assertThat(d).isNotBlank().hasSizeLessThan(120);
            seen.add(m);
        }
        assertThat(seen).hasSize(ExplanationMethod.values().length);
        assertThat(FindingsViewModel.describe(ExplanationMethod.GRADCAM)).startsWith("Grad-CAM:");
    }

    @Test
    void faithfulnessTextShowsMaskFiguresOnlyWithAMask() {
        Curve deletion = new Curve(Curve.Kind.DELETION, new double[] {0, 1}, new double[] {0.9, 0.1}, 0.25, 2);
        Curve insertion = new Curve(Curve.Kind.INSERTION, new double[] {0, 1}, new double[] {0.1, 0.9}, 0.75, 2);
        TreeMap<Double, Double> iou = new TreeMap<>();
        iou.put(5.0, 0.1);
        iou.put(10.0, 0.333);
        String with = FindingsViewModel.format(new QualityFigures(deletion, insertion, 1, 0.62, iou, 0));
        assertThat(with).contains("Deletion AUC 0.250").contains("Insertion AUC 0.750").contains("Pointing game hit")
                .contains("Energy pointing 0.620").contains("IoU@10% 0.333");
        String without = FindingsViewModel.format(new QualityFigures(deletion, insertion, Double.NaN, Double.NaN, new TreeMap<>(), 0));
        assertThat(without).contains("Deletion AUC 0.250").doesNotContain("Pointing game").contains("no ground-truth mask");
    }

    @Test
    void aModelThatFailsToLoadLeavesAOneLineStatusAndANoticeAndThePanelStaysUsable() throws Exception {
        ReviewWorkspaces.seeded(root, 2, 64, 3);
        // A registered copy of demo-v1 whose weights change after registration: refused on load.
        Path pkg = root.resolve("demo-v1-copy");
        Files.createDirectories(pkg);
        try (var files = Files.list(ReviewWorkspaces.demoPackage("demo-v1"))) {
            for (Path f : files.toList()) {
                Files.copy(f, pkg.resolve(f.getFileName().toString()));
            }
        }
        RegisteredModel model = registerCopy(pkg);
        Files.write(pkg.resolve("weights.zip"), new byte[] {1}, StandardOpenOption.APPEND);
        List<WorklistRow> rows = WorkspaceWorklist.load(root, false, (f, m) -> { });

        FindingsViewModel vm = ReviewViewTest.onFx(() -> {
            context = WorkstationContext.open(root);
            context.modelA().set(model);
            FindingsViewModel v = new FindingsViewModel(context);
            v.load(rows.get(0));
            return v;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        assertThat(vm.statusProperty().get()).contains("cannot be loaded").doesNotContain("\n").doesNotContain("Exception");
        assertThat(vm.scores()).isEmpty();
        assertThat(context.notifier().notices()).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.WARNING);
            assertThat(n.message()).contains("cannot be loaded");
        });
        // Still usable: explaining says why not, another case can be loaded.
        ReviewViewTest.onFx(() -> {
            vm.explain();
            return null;
        });
        assertThat(vm.statusProperty().get()).startsWith("Nothing to explain yet");
        ReviewViewTest.onFx(() -> {
            vm.load(rows.get(1));
            return null;
        });
        assertThat(vm.caseProperty().get()).isEqualTo(rows.get(1));
    }

    @Test
    void withoutModelANothingRunsAndTheStatusSaysWhatToDo() throws Exception {
        ReviewWorkspaces.seeded(root, 1, 64, 5);
        List<WorklistRow> rows = WorkspaceWorklist.load(root, false, (f, m) -> { });
        FindingsViewModel vm = ReviewViewTest.onFx(() -> {
            context = WorkstationContext.open(root);
            FindingsViewModel v = new FindingsViewModel(context);
            v.load(rows.get(0));
            return v;
        });
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("No model selected");
        assertThat(context.jobs().running()).isEmpty();
    }

    private RegisteredModel registerCopy(Path pkg) throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.glassbox.app.cli.GlassBoxCli.run(new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true),
                "models", "add", pkg.toString(), "--workspace", root.toString());
        assertThat(code).as(err.toString()).isZero();
        try (var catalog = org.glassbox.core.catalog.Catalog.open(root.resolve("catalog.sqlite"))) {
            return catalog.models().all().get(0);
        }
    }
}
