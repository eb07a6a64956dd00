package org.glassbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.stage.Stage;
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

    @Test
    void windowOpensWithAGlassBoxTitleAndAStatusBar() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(WorkstationApp.class, "--workspace=" + workspace);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getTitle()).startsWith("GlassBox");
        Label status = (Label) stage.getScene().lookup("#status-bar");
        assertThat(status.getText()).contains("CPU").contains(workspace.toString());
    }
}
