package org.glassbox.app.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.glassbox.app.cli.GlassBoxCli;
import org.glassbox.app.ui.ViewId;
import org.glassbox.app.ui.WorkstationApp;
import org.glassbox.app.workflow.DemoWorkspace;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The compare view end to end, headless: the demo workspace with demo v1 and v2 registered and
 * scored → Compare tab → Compare cohort → the flipped list is not empty → Enter on the first flip →
 * it is the current case and the three panes show the image with their heatmaps. About 16 s here
 * (seeding and scoring included), so not tagged heavy.
 */
class CompareViewGuiTest {
    @TempDir
    Path workspace;

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private static Path demoModel(String name) {
        return Path.of("").toAbsolutePath().getParent().resolve("resources/src/main/resources/org/glassbox/resources/models/" + name);
    }

    private void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    }

    @Test
    void cohortComparisonListsFlipsAndOpensOneSideBySide() throws Exception {
        DemoWorkspace.seed(Workspace.open(workspace), ProgressListener.NONE);
        for (String m : new String[] {"demo-v1", "demo-v2"}) {
            cli("models", "add", demoModel(m).toString(), "--workspace", workspace.toString());
            cli("infer", "--model", demoModel(m).toString(), "workspace", "--workspace", workspace.toString(), "--batch", "32");
        }

        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(WorkstationApp.class, "--workspace=" + workspace, "--demo=false");
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = stage.getScene();
        TableView<?> worklist = (TableView<?>) scene.lookup("#worklist");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> worklist.getItems().size() == DemoWorkspace.STUDIES);

        TabPane tabs = (TabPane) scene.lookup("#views");
        Platform.runLater(() -> tabs.getSelectionModel().select(ViewId.COMPARE.ordinal()));
        CompareView view = (CompareView) scene.lookup("#compare-view");
        CompareViewModel vm = view.viewModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.modelA().get() != null && vm.modelB().get() != null);
        assertThat(vm.modelA().get().sha256()).isNotEqualTo(vm.modelB().get().sha256());

        Button compare = (Button) scene.lookup("#compare-cohort");
        Platform.runLater(compare::fire);
        @SuppressWarnings("unchecked")
        TableView<CompareViewModel.FlipRow> flips = (TableView<CompareViewModel.FlipRow>) scene.lookup("#compare-flips");
        TableView<?> cohort = (TableView<?>) scene.lookup("#compare-cohort-table");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !cohort.getItems().isEmpty());
        assertThat(vm.cohortStatus().get()).contains("paired cases");
        assertThat(cohort.getItems()).hasSize(vm.labels().size());
        assertThat(flips.getItems()).as("v1 and v2 disagree on some demo cases").isNotEmpty();

        CompareViewModel.FlipRow first = flips.getItems().get(0);
        Platform.runLater(() -> {
            flips.requestFocus();
            flips.getSelectionModel().select(0);
            flips.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
        });
        ComparePane a = (ComparePane) scene.lookup("#compare-pane-a");
        ComparePane b = (ComparePane) scene.lookup("#compare-pane-b");
        ComparePane diff = (ComparePane) scene.lookup("#compare-pane-diff");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> diff.heatmap() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.context().currentCase().get().sopInstanceUid()).isEqualTo(first.sopInstanceUid());
        assertThat(vm.context().activeView().get()).isEqualTo(ViewId.COMPARE);
        for (ComparePane p : new ComparePane[] {a, b, diff}) {
            assertThat(p.imagePane().frame()).as(p.getId()).isNotNull();
            assertThat(p.imagePane().frame().rows()).isEqualTo(DemoWorkspace.SIZE);
            assertThat(p.heatmap()).as(p.getId()).isNotNull();
            assertThat(p.imagePane().isVisible()).isTrue();
        }
        assertThat(vm.caseView().get().result().target()).isEqualTo(first.label());
        assertThat(vm.scores()).anySatisfy(r -> {
            assertThat(r.label()).isEqualTo(first.label());
            assertThat(r.flipped()).as("the opened label is decided differently at the cohort thresholds").isTrue();
        });
        // Panes move together: a zoom in A is the zoom in B and in A−B.
        Platform.runLater(() -> a.imagePane().oneToOne());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(b.imagePane().navigationProperty().get()).isEqualTo(a.imagePane().navigationProperty().get());
        assertThat(diff.imagePane().navigationProperty().get()).isEqualTo(a.imagePane().navigationProperty().get());
    }
}
