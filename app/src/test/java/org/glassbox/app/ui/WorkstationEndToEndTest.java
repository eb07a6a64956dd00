package org.glassbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.glassbox.app.ui.compare.ComparePane;
import org.glassbox.app.ui.fairness.SubgroupRow;
import org.glassbox.app.workflow.FlagListRow;
import org.glassbox.app.workflow.DemoWorkspace;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.audit.AuditAction;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.viewer.fx.ImagePane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The end-to-end paths through the real application, as a newcomer takes them: the first
 * run opens the demo workspace (cohort, v1 and v2 registered and scored in the background) → select
 * a case → Grad-CAM overlay → flag it → the flag in the flags list; the fairness dashboard → a cell
 * → the worklist restricted to its cases → a heatmap of one of them; the compare view → cohort
 * comparison → a flipped case side by side.
 *
 * <p>With {@code -Dglassbox.screenshots=DIR} (scripts/screenshots.sh, under Xvfb with GTK) it also
 * saves a screenshot of each main view into DIR.
 */
@Tag("heavy")
class WorkstationEndToEndTest {
    @TempDir
    static Path workspace;

    private final FxRobot robot = new FxRobot();

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aNewcomerReviewsFlagsAuditsAndComparesInTheDemoWorkspace() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(WorkstationApp.class, "--workspace=" + workspace, "--demo=true");
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = stage.getScene();
        MainWindow window = (MainWindow) scene.getRoot().getProperties().get(MainWindow.class);
        WorkstationContext context = window.context();
        @SuppressWarnings("unchecked")
        TableView<WorklistRow> worklist = (TableView<WorklistRow>) scene.lookup("#worklist");

        // First run: cohort imported, v1 and v2 registered, every case scored in the background.
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> worklist.getItems().size() == DemoWorkspace.STUDIES);
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> onFx(() -> context.jobs().running().isEmpty()
                && worklist.getItems().stream().allMatch(r -> !r.scores().isEmpty())));
        assertThat(onFx(() -> context.models().size())).isEqualTo(2);

        // Review: a case with a finding → scores → Grad-CAM over the image.
        WorklistRow chosen = onFx(() -> worklist.getItems().stream().filter(r -> r.findings().contains("cardiomegaly"))
                .max(Comparator.comparingDouble(r -> r.score("cardiomegaly"))).orElseThrow());
        fx(() -> worklist.getSelectionModel().select(chosen));
        assertThat(onFx(() -> context.currentCase().get())).isEqualTo(chosen);
        TableView<?> scores = (TableView<?>) scene.lookup("#findings-scores");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> !scores.getItems().isEmpty()));
        Button explain = (Button) scene.lookup("#findings-explain");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !explain.isDisabled()));
        // explain the finding the case has (its truth mask gives pointing and IoU too)
        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Object> target = (ComboBox<Object>) scene.lookup("#findings-target");
            target.getSelectionModel().select(target.getItems().stream()
                    .filter(i -> i.toString().contains("cardiomegaly") || (i instanceof org.glassbox.app.ui.review.FindingsViewModel.LabelScore l
                            && l.label().equals("cardiomegaly"))).findFirst().orElseThrow());
        });
        fx(explain::fire);
        ImagePane reviewPane = (ImagePane) scene.lookup("#case-viewer").lookup("#image-pane");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> onFx(() -> reviewPane.heatmap() != null));
        assertThat(onFx(() -> reviewPane.frame().rows())).isEqualTo(DemoWorkspace.SIZE);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> onFx(() -> context.jobs().running().isEmpty()));
        Node faithfulness = scene.lookup("#findings-faithfulness");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> ((javafx.scene.control.Labeled) faithfulness).getText().contains("Pointing")
                || ((javafx.scene.control.Labeled) faithfulness).getText().contains("pointing")));
        assertThat(onFx(() -> ((javafx.scene.control.Labeled) faithfulness).getText())).doesNotContain("no ground-truth mask");
        screenshot(scene, "review");

        // Flag it (Case ▸ Flag current case… is the same action as the panel's button).
        fx(() -> ((Button) scene.lookup("#findings-flag")).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> flagDialog() != null));
        DialogPane dialog = onFx(WorkstationEndToEndTest::flagDialog);
        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<BiasFlag.Category> category = (ComboBox<BiasFlag.Category>) dialog.lookup("#flag-category");
            category.getSelectionModel().select(BiasFlag.Category.SHORTCUT);
            ((TextArea) dialog.lookup("#flag-note")).setText("map sits on the marker, not the heart");
            ((TextField) dialog.lookup("#flag-reviewer")).setText("R-01");
        });
        Button ok = (Button) dialog.lookupButton(ButtonType.OK);
        assertThat(onFx(ok::isDisabled)).isFalse();
        fx(ok::fire);
        fx(() -> context.activeView().set(ViewId.FLAGS));
        @SuppressWarnings("unchecked")
        TableView<FlagListRow> flags = (TableView<FlagListRow>) scene.lookup("#flags-table");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> flags.getItems().size() == 1));
        FlagListRow flag = onFx(() -> flags.getItems().get(0));
        assertThat(flag.flag().sopInstanceUid()).isEqualTo(chosen.sopInstanceUid());
        assertThat(flag.flag().category()).isEqualTo(BiasFlag.Category.SHORTCUT);
        assertThat(flag.flag().modelSha256()).isEqualTo(onFx(() -> context.modelA().get().sha256()));
        screenshot(scene, "flags");

        // Fairness: audit v1 on consolidation by sex → click the women's n cell → their cases.
        fx(() -> context.activeView().set(ViewId.FAIRNESS));
        Button run = (Button) scene.lookup("#fairness-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !run.isDisabled()));
        fx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> label = (ComboBox<String>) scene.lookup("#fairness-label");
            label.setValue("consolidation");
            ((TextField) scene.lookup("#fairness-groupings")).setText("sex, age_band");
        });
        fx(run::fire);
        @SuppressWarnings("unchecked")
        TableView<SubgroupRow> fairness = (TableView<SubgroupRow>) scene.lookup("#fairness-table");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> onFx(() -> !fairness.getItems().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(scene, "fairness");
        int women = onFx(() -> fairness.getItems().stream().map(SubgroupRow::describe).toList().indexOf("sex=F"));
        assertThat(women).isNotNegative();
        fx(() -> fairness.scrollTo(women));
        Node cell = onFx(() -> fairness.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null && "col-n".equals(c.getTableColumn().getId())
                        && c.getItem() instanceof SubgroupRow r && r.describe().equals("sex=F") && c.isVisible())
                .findFirst().orElseThrow());
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> context.activeView().get())).isEqualTo(ViewId.REVIEW);
        assertThat(onFx(() -> context.worklist().restrictionProperty().get())).startsWith("consolidation · sex=F");
        assertThat(onFx(() -> worklist.getItems().stream().allMatch(r -> r.sex().equals("F")))).isTrue();
        int womenShown = onFx(() -> worklist.getItems().size());
        assertThat(womenShown).isBetween(1, DemoWorkspace.STUDIES - 1);
        // … and one of them with its heatmap
        WorklistRow woman = onFx(() -> worklist.getItems().get(0));
        fx(() -> worklist.getSelectionModel().select(woman));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> !scores.getItems().isEmpty() && !explain.isDisabled()));
        fx(explain::fire);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> onFx(() -> reviewPane.heatmap() != null
                && woman.equals(context.currentCase().get())));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> onFx(() -> context.jobs().running().isEmpty()));
        screenshot(scene, "worklist-from-fairness");

        // Compare: v1 vs v2 over the cohort → a flipped case side by side with A − B.
        fx(() -> context.activeView().set(ViewId.COMPARE));
        fx(() -> ((Button) scene.lookup("#compare-cohort")).fire());
        @SuppressWarnings("unchecked")
        TableView<Object> flips = (TableView<Object>) scene.lookup("#compare-flips");
        TableView<?> cohort = (TableView<?>) scene.lookup("#compare-cohort-table");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> onFx(() -> !cohort.getItems().isEmpty()));
        assertThat(onFx(() -> flips.getItems().size())).as("v1 and v2 disagree on some demo cases").isPositive();
        fx(() -> {
            flips.requestFocus();
            flips.getSelectionModel().select(0);
            flips.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        });
        ComparePane diff = (ComparePane) scene.lookup("#compare-pane-diff");
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> onFx(() -> diff.heatmap() != null));
        for (String id : new String[] {"#compare-pane-a", "#compare-pane-b", "#compare-pane-diff"}) {
            ComparePane p = (ComparePane) scene.lookup(id);
            assertThat(onFx(() -> p.heatmap())).as(id).isNotNull();
            assertThat(onFx(() -> p.imagePane().frame())).as(id).isNotNull();
        }
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> onFx(() -> context.jobs().running().isEmpty()));
        screenshot(scene, "compare");

        // Nothing went wrong on the way: no error or warning was shown to the user.
        assertThat(onFx(() -> List.copyOf(context.notifier().notices())))
                .noneMatch(n -> n.level() == Notice.Level.ERROR || n.level() == Notice.Level.WARNING);

        // The trail: study views, explanations, the flag and the comparison are in the audit log.
        try (Catalog catalog = Catalog.open(workspace.resolve("catalog.sqlite"))) {
            java.util.List<String> actions = new java.util.ArrayList<>();
            catalog.audit().forEach(r -> actions.add(r.action()));
            assertThat(actions).contains(AuditAction.STUDY_VIEW.name(), AuditAction.EXPLANATION.name(), AuditAction.FLAG.name(),
                    AuditAction.FAIRNESS_AUDIT.name(), AuditAction.COMPARISON.name());
        }
    }

    /** The open flag dialog's pane, or null. */
    private static DialogPane flagDialog() {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane
                    && pane.lookup("#flag-category") != null) {
                return pane;
            }
        }
        return null;
    }

    /** Saves the window as DIR/NAME.png when -Dglassbox.screenshots=DIR is set. */
    private static void screenshot(Scene scene, String name) throws Exception {
        String dir = System.getProperty("glassbox.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS); // let notifications fade and the last frame render
        WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        Path target = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), name, ".png.tmp");
        ImageIO.write(out, "png", tmp.toFile());
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void fx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return c.call();
        }
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }
}
