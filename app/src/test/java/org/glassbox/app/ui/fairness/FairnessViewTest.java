package org.glassbox.app.ui.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.chart.LineChart;
import javafx.stage.Stage;
import org.glassbox.app.cli.GlassBoxCli;
import org.glassbox.app.ui.ViewId;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.DemoWorkspace;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.task.ProgressListener;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard end to end under Monocle: the demo cohort seeded, demo v1 registered and scored
 * through the CLI, demo v2 registered without scores; open the view, see v2's "no scores" message,
 * run v1's audit, see the table and charts filled, click a cell → the review view with the worklist
 * restricted to that subgroup.
 */
@Tag("heavy")
class FairnessViewTest {
    @TempDir
    static Path ws;
    static RegisteredModel v1;
    static RegisteredModel v2;

    WorkstationContext context;

    static Path demoModel(String name) {
        String relative = "resources/src/main/resources/org/glassbox/resources/models/" + name;
        Path here = Path.of("").toAbsolutePath();
        return java.nio.file.Files.isDirectory(here.resolve(relative)) ? here.resolve(relative) : here.getParent().resolve(relative);
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GlassBoxCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    }

    @BeforeAll
    static void demoWorkspaceWithScoresForV1() throws Exception {
        DemoWorkspace.seed(Workspace.open(ws), ProgressListener.NONE);
        cli("models", "add", demoModel("demo-v1").toString(), "--workspace", ws.toString());
        cli("models", "add", demoModel("demo-v2").toString(), "--workspace", ws.toString());
        cli("infer", "--model", demoModel("demo-v1").toString(), "workspace", "--workspace", ws.toString());
        try (var c = org.glassbox.core.catalog.Catalog.open(ws.resolve("catalog.sqlite"))) {
            var models = c.models().all();
            v1 = models.stream().filter(m -> m.path().contains("demo-v1")).findFirst().orElseThrow();
            v2 = models.stream().filter(m -> m.path().contains("demo-v2")).findFirst().orElseThrow();
        }
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (context != null) {
            context.close();
        }
    }

    private FairnessView open() throws Exception {
        FxToolkit.registerPrimaryStage();
        FairnessView[] view = new FairnessView[1];
        FxToolkit.setupSceneRoot(() -> {
            context = WorkstationContext.open(ws);
            context.models().setAll(context.sessions().registered());
            context.modelA().set(v1);
            context.activeView().set(ViewId.FAIRNESS);
            view[0] = new FairnessView(context);
            return view[0];
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
        return view[0];
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAuditFillsTheTableAndACellShowsItsCasesInTheWorklist() throws Exception {
        FairnessView view = open();
        Label message = (Label) view.lookup("#fairness-message");
        Button run = (Button) view.lookup("#fairness-run");
        ComboBox<RegisteredModel> model = (ComboBox<RegisteredModel>) view.lookup("#fairness-model");
        assertThat(model.getValue()).isEqualTo(v1);

        // v2 has no scores in this workspace: the dashboard says so and offers no run
        fx(() -> model.setValue(v2));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().contains("has no scores"));
        assertThat(message.getText()).contains("Models ▸ Score all cases"); // the way to get them without leaving the window
        assertThat(run.isDisabled()).isTrue();

        fx(() -> model.setValue(v1));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !run.isDisabled());
        ComboBox<String> label = (ComboBox<String>) view.lookup("#fairness-label");
        assertThat(label.getItems()).contains("consolidation");
        fx(() -> {
            label.setValue("consolidation");
            ((TextField) view.lookup("#fairness-groupings")).setText("sex, sex*age_band");
        });
        FxRobot robot = new FxRobot();
        robot.clickOn(run);
        TableView<SubgroupRow> table = (TableView<SubgroupRow>) view.lookup("#fairness-table");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().get(0).result().n()).isEqualTo(DemoWorkspace.STUDIES);
        assertThat(table.getItems()).extracting(SubgroupRow::describe).contains("sex=F", "sex=M");
        assertThat(((LineChart<?, ?>) view.lookup("#fairness-roc")).getData()).hasSize(1 + 2 + 1); // all, F, M, diagonal
        assertThat(((LineChart<?, ?>) view.lookup("#fairness-reliability")).getData()).hasSize(4);
        assertThat(message.getText()).startsWith("consolidation: " + DemoWorkspace.STUDIES + " cases");

        int femaleRow = table.getItems().stream().map(SubgroupRow::describe).toList().indexOf("sex=F");
        fx(() -> table.scrollTo(femaleRow));
        Node cell = table.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null && "col-n".equals(c.getTableColumn().getId())
                        && c.getItem() instanceof SubgroupRow r && r.describe().equals("sex=F") && c.isVisible())
                .findFirst().orElseThrow();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(context.activeView().get()).isEqualTo(ViewId.REVIEW);
        assertThat(context.worklist().restrictionProperty().get()).isEqualTo("consolidation · sex=F · all cases ("
                + table.getItems().get(femaleRow).result().n() + ")");

        // the forest plot's rows lead to their cases too: all, F, M (charts by sex); TPR → the positives
        fx(() -> {
            context.activeView().set(ViewId.FAIRNESS);
            view.viewModel().forestMetricProperty().set(org.glassbox.explain.fairness.Metric.TPR);
        });
        ForestPlot forest = (ForestPlot) view.lookup("#fairness-forest");
        robot.clickOn(forest.localToScreen(60, ForestPlot.TOP + ForestPlot.ROW_HEIGHT * 2.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.activeView().get()).isEqualTo(ViewId.REVIEW);
        SubgroupRow male = table.getItems().stream().filter(r -> r.describe().equals("sex=M")).findFirst().orElseThrow();
        assertThat(context.worklist().restrictionProperty().get()).isEqualTo("consolidation · sex=M · positives (" + male.result().positives() + ")");

        // sorting by AUC puts the lowest first and undefined values last
        TableColumn<SubgroupRow, ?> auc = table.getColumns().stream().filter(c -> "col-auc".equals(c.getId())).findFirst().orElseThrow();
        fx(() -> {
            auc.setSortType(TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(auc);
        });
        List<Double> values = table.getItems().stream().map(r -> r.metric(org.glassbox.explain.fairness.Metric.AUC).value()).toList();
        List<Double> defined = values.stream().filter(v -> !v.isNaN()).toList();
        assertThat(defined).isSorted();
        assertThat(values.subList(defined.size(), values.size())).allMatch(v -> v.isNaN());
    }
}
