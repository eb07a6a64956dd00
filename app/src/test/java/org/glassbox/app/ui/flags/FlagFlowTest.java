package org.glassbox.app.ui.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.glassbox.app.cli.GlassBoxCli;
import org.glassbox.app.ui.ViewId;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.FlagListRow;
import org.glassbox.app.workflow.ReviewerPseudonym;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.app.workflow.WorkspaceWorklist;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The flag dialog filled in → the flag is stored → it appears in the flags view; double-click opens its case. */
class FlagFlowTest {
    @TempDir
    Path dir;
    WorkstationContext context;

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
        if (context != null) {
            context.close();
        }
    }

    @Test
    void flaggingACaseStoresItAndTheFlagsViewShowsIt() throws Exception {
        Path ws = dir.resolve("ws");
        Path cohort = dir.resolve("cohort");
        StringWriter sink = new StringWriter();
        assertThat(GlassBoxCli.run(new PrintWriter(sink), new PrintWriter(sink), "generate", "--out", cohort.toString(), "--studies", "2",
                "--size", "64")).isEqualTo(0);
        assertThat(GlassBoxCli.run(new PrintWriter(sink), new PrintWriter(sink), "import", cohort.toString(), "--workspace", ws.toString()))
                .isEqualTo(0);
        List<WorklistRow> rows = WorkspaceWorklist.load(ws, false, (f, m) -> { });
        WorklistRow target = rows.get(1);

        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicReference<FlagsView> view = new AtomicReference<>();
        AtomicReference<FlagDialog> dialog = new AtomicReference<>();
        FxToolkit.setupFixture(() -> {
            context = WorkstationContext.open(ws);
            context.worklist().setRows(rows);
            view.set(new FlagsView(context));
            stage.setScene(new Scene(view.get(), 1200, 700));
            stage.show();
            context.currentCase().set(target);
            FlagDialog d = FlagCaseAction.open(context, stage, target, "");
            d.show();
            dialog.set(d);
        });
        WaitForAsyncUtils.waitForFxEvents();
        FlagDialog d = dialog.get();
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        assertThat(ok.isDisabled()).isTrue(); // no category, no reviewer yet
        assertThat(((TextField) d.getDialogPane().lookup("#flag-subgroup")).getText()).startsWith("sex=");

        FxToolkit.setupFixture(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<BiasFlag.Category> category = (ComboBox<BiasFlag.Category>) d.getDialogPane().lookup("#flag-category");
            category.getSelectionModel().select(BiasFlag.Category.ACQUISITION_ARTEFACT);
            ((TextArea) d.getDialogPane().lookup("#flag-note")).setText("grid lines across the lung");
            ((TextField) d.getDialogPane().lookup("#flag-reviewer")).setText("R-07");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ok.isDisabled()).isFalse();
        FxToolkit.setupFixture(ok::fire);

        @SuppressWarnings("unchecked")
        TableView<FlagListRow> table = (TableView<FlagListRow>) stage.getScene().lookup("#flags-table");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        FlagListRow shown = table.getItems().get(0);
        assertThat(shown.flag().sopInstanceUid()).isEqualTo(target.sopInstanceUid());
        assertThat(shown.flag().category()).isEqualTo(BiasFlag.Category.ACQUISITION_ARTEFACT);
        assertThat(shown.flag().note()).isEqualTo("grid lines across the lung");
        assertThat(shown.patientPseudonym()).isEqualTo(target.patientPseudonym());
        try (Catalog catalog = Catalog.open(ws.resolve("catalog.sqlite"))) {
            assertThat(catalog.flags().forInstance(target.sopInstanceUid())).hasSize(1);
            assertThat(catalog.audit().last().orElseThrow().action()).isEqualTo("FLAG");
        }
        assertThat(ReviewerPseudonym.remembered(Workspace.open(ws))).isEqualTo("R-07");

        // Opening the flag's case: it becomes the current case and the review view is shown.
        FxToolkit.setupFixture(() -> {
            context.currentCase().set(rows.get(0));
            context.activeView().set(ViewId.FLAGS);
            view.get().openCase(shown);
        });
        assertThat(context.currentCase().get()).isEqualTo(target);
        assertThat(context.activeView().get()).isEqualTo(ViewId.REVIEW);
    }
}
