package org.glassbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.glassbox.app.workflow.DemoWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the real workstation window headless (Monocle) and looks at it. */
class WorkstationAppTest {
    @TempDir
    Path workspace;

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private Stage open(boolean demo) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(WorkstationApp.class, "--workspace=" + workspace, "--demo=" + demo);
        WaitForAsyncUtils.waitForFxEvents();
        return stage;
    }

    @Test
    void emptyWorkspaceOpensWithAGlassBoxTitleAStatusBarAndNoCases() throws Exception {
        Stage stage = open(false);
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getTitle()).startsWith("GlassBox");
        // The status bar names the backend ND4J actually loaded, not a fixed string.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ((Label) stage.getScene().lookup("#status-bar")).getText().contains("CpuBackend"));
        Label status = (Label) stage.getScene().lookup("#status-bar");
        assertThat(status.getText()).startsWith("Backend: CPU (CpuBackend, ").contains(" threads)").contains(workspace.toString());
        assertThat(((TableView<?>) stage.getScene().lookup("#worklist")).getItems()).isEmpty();
        assertThat(Files.exists(workspace.resolve("catalog.sqlite"))).isTrue();
    }

    @Test
    void firstRunSeedsTheDemoCohortInTheBackgroundAndTheWorklistShowsAndFiltersIt() throws Exception {
        Stage stage = open(true);
        TableView<?> table = (TableView<?>) stage.getScene().lookup("#worklist");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> table.getItems().size() == DemoWorkspace.STUDIES);
        Label count = (Label) stage.getScene().lookup("#case-count");
        assertThat(count.getText()).isEqualTo(DemoWorkspace.STUDIES + " cases");

        TextField filter = (TextField) stage.getScene().lookup("#worklist-filter");
        Platform.runLater(() -> filter.setText("cardiomegaly"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().size()).isBetween(1, DemoWorkspace.STUDIES - 1);
        assertThat(count.getText()).endsWith("of " + DemoWorkspace.STUDIES + " cases");
    }
}
