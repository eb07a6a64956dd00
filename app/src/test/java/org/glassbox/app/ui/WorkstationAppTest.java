package org.glassbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.glassbox.app.workflow.DemoWorkspace;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
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

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static MenuItem menuItem(Scene scene, String id) {
        MenuBar bar = (MenuBar) scene.lookup("#menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    @Test
    void emptyWorkspaceOpensWithAGlassBoxTitleAStatusBarAndNoCases() throws Exception {
        Stage stage = open(false);
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getTitle()).startsWith("GlassBox");
        // The status bar names the backend ND4J actually loaded, not a fixed string.
        // Any backend (CPU, CUDA…) in BackendDescription's form "DEVICE (Backend, N threads)".
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ((Label) stage.getScene().lookup("#status-bar")).getText().contains(" threads)"));
        Label status = (Label) stage.getScene().lookup("#status-bar");
        assertThat(status.getText()).containsPattern("^Backend: [A-Z0-9_]+ \\([^,()]+, [1-9][0-9]* threads\\)").contains("model A: none")
                .contains(workspace.toString());
        assertThat(((TableView<?>) stage.getScene().lookup("#worklist")).getItems()).isEmpty();
        assertThat(Files.exists(workspace.resolve("catalog.sqlite"))).isTrue();
        // No demo: no models copied.
        assertThat(workspace.resolve("models")).doesNotExist();
    }

    @Test
    void themeSwitchReplacesTheSceneStylesheetAndViewShortcutsSwitchTabs() throws Exception {
        Stage stage = open(false);
        Scene scene = stage.getScene();
        assertThat(scene.getStylesheets()).containsExactly(Theme.DARK.stylesheet());
        onFx(() -> {
            menuItem(scene, "menu-theme-light").fire();
            return null;
        });
        assertThat(scene.getStylesheets()).containsExactly(Theme.LIGHT.stylesheet());
        onFx(() -> {
            menuItem(scene, "menu-theme-dark").fire();
            return null;
        });
        assertThat(scene.getStylesheets()).containsExactly(Theme.DARK.stylesheet());

        MenuItem flags = menuItem(scene, "menu-view-flags");
        assertThat(flags.getAccelerator().getName()).isEqualTo("Shortcut+4");
        onFx(() -> {
            flags.fire();
            return null;
        });
        javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) scene.lookup("#views");
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-flags");
        assertThat(menuItem(scene, "menu-flag").getAccelerator().getName()).isEqualTo("Shortcut+B");
    }

    @Test
    void droppedUnreadableFilesGiveANoticeAndAReportAndTheAppKeepsWorking() throws Exception {
        Stage stage = open(false);
        Path broken = Files.write(workspace.getParent().resolve("broken-" + System.nanoTime() + ".dcm"), new byte[] {1, 2, 3, 4});
        Path notDicom = Files.writeString(workspace.getParent().resolve("notes-" + System.nanoTime() + ".dcm"), "DICM? no, plain text");
        try {
            MainWindow window = (MainWindow) stage.getScene().getRoot().getProperties().get(MainWindow.class);
            Notifier notifier = window.context().notifier();
            long versionBefore = onFx(() -> window.context().catalogVersion().get());
            onFx(() -> {
                window.importPaths(List.of(broken, notDicom));
                return null;
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> onFx(() -> notifier.notices().stream().anyMatch(n -> n.title().equals("Import") && n.level() == Notice.Level.WARNING)));
            Notice n = onFx(() -> notifier.notices().stream().filter(x -> x.title().equals("Import")).findFirst().orElseThrow());
            assertThat(n.message()).startsWith("2 files were not imported").contains("errors 2");
            assertThat(n.details()).contains(broken.toString()).contains(notDicom.toString());
            // Both callbacks have run (afterwards before onSuccess): the catalog version moved once, one reload.
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(onFx(() -> window.context().catalogVersion().get())).isEqualTo(versionBefore + 1);
            // The de-identification report lists both files with a reason each.
            WaitForAsyncUtils.waitForFxEvents();
            TableView<?> report = onFx(() -> Window.getWindows().stream().map(w -> w.getScene().lookup("#import-report"))
                    .filter(java.util.Objects::nonNull).map(x -> (TableView<?>) x).findFirst().orElseThrow());
            assertThat(report.getItems()).hasSize(2);
            // Nothing catalogued, and the window still answers.
            try (Catalog c = Catalog.open(workspace.resolve("catalog.sqlite"))) {
                assertThat(c.instances().count()).isZero();
            }
            TextField filter = (TextField) stage.getScene().lookup("#worklist-filter");
            onFx(() -> {
                filter.setText("x");
                return null;
            });
            // The typed text reached the worklist's filter (the bindings still work on the FX thread).
            assertThat(onFx(() -> window.context().worklist().filterProperty().get())).isEqualTo("x");
            assertThat(stage.isShowing()).isTrue();
        } finally {
            Files.deleteIfExists(broken);
            Files.deleteIfExists(notDicom);
        }
    }

    /** Seeds 120 studies and scores them with two models: about a minute on two cores. */
    @Test
    @org.junit.jupiter.api.Tag("heavy")
    void firstRunSeedsTheCohortRegistersDemoModelsV1AndV2AndScoresAppearInTheWorklist() throws Exception {
        Stage stage = open(true);
        Scene scene = stage.getScene();
        TableView<?> table = (TableView<?>) scene.lookup("#worklist");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> table.getItems().size() == DemoWorkspace.STUDIES);
        Label count = (Label) scene.lookup("#case-count");
        assertThat(count.getText()).isEqualTo(DemoWorkspace.STUDIES + " cases");

        @SuppressWarnings("unchecked")
        ComboBox<RegisteredModel> a = (ComboBox<RegisteredModel>) scene.lookup("#model-a");
        @SuppressWarnings("unchecked")
        ComboBox<RegisteredModel> b = (ComboBox<RegisteredModel>) scene.lookup("#model-b");
        assertThat(a.getItems()).hasSize(2);
        assertThat(Path.of(a.getValue().path())).isEqualTo(workspace.resolve("models/demo-v1"));
        assertThat(Path.of(b.getValue().path())).isEqualTo(workspace.resolve("models/demo-v2"));
        assertThat(((Label) scene.lookup("#status-bar")).getText()).contains("model A: " + a.getValue().id());

        // Scores are computed in the background and the worklist reloads with model A's scores.
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> table.getItems().stream().allMatch(r -> !((WorklistRow) r).scores().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> labels = ((WorklistRow) table.getItems().get(0)).scores().keySet().stream().toList();
        assertThat(labels).isNotEmpty();
        assertThat(table.getColumns().stream().map(javafx.scene.control.TableColumn::getId).filter(id -> id != null && id.startsWith("col-score-")))
                .containsExactlyElementsOf(labels.stream().map(l -> "col-score-" + l).toList());
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> onFx(() -> ((MainWindow) scene.getRoot().getProperties().get(MainWindow.class))
                .context().jobs().running().isEmpty()));
        try (Catalog c = Catalog.open(workspace.resolve("catalog.sqlite"))) {
            assertThat(c.predictions().count(a.getValue().sha256())).isEqualTo(DemoWorkspace.STUDIES);
            assertThat(c.predictions().count(b.getValue().sha256())).isEqualTo(DemoWorkspace.STUDIES);
        }

        TextField filter = (TextField) scene.lookup("#worklist-filter");
        Platform.runLater(() -> filter.setText("cardiomegaly"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().size()).isBetween(1, DemoWorkspace.STUDIES - 1);
        assertThat(count.getText()).endsWith("of " + DemoWorkspace.STUDIES + " cases");
    }

    @Test
    void modelsMenuScoresAUserWorkspaceThatWasNotScoredOnOpen() throws Exception {
        org.glassbox.core.workspace.Workspace ws = org.glassbox.core.workspace.Workspace.open(workspace);
        org.glassbox.core.ingest.ImportReport seeded = DemoWorkspace.seed(ws, (f, m) -> { });
        assertThat(seeded.count(org.glassbox.core.catalog.ImportOutcome.IMPORTED)).isEqualTo(DemoWorkspace.STUDIES);
        List<RegisteredModel> demo = org.glassbox.app.workflow.DemoModels.install(ws);
        Stage stage = open(false); // a user workspace: nothing is scored on open
        Scene scene = stage.getScene();
        TableView<?> table = (TableView<?>) scene.lookup("#worklist");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> table.getItems().size() == DemoWorkspace.STUDIES);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> ((ComboBox<?>) scene.lookup("#model-a")).getValue() != null));
        try (Catalog c = Catalog.open(workspace.resolve("catalog.sqlite"))) {
            assertThat(c.predictions().count(demo.get(0).sha256())).isZero();
        }

        MainWindow window = (MainWindow) scene.getRoot().getProperties().get(MainWindow.class);
        java.util.concurrent.atomic.AtomicInteger listed = new java.util.concurrent.atomic.AtomicInteger();
        onFx(() -> {
            window.context().jobs().running().addListener((javafx.collections.ListChangeListener<javafx.concurrent.Task<?>>) ch -> {
                while (ch.next()) {
                    listed.addAndGet(ch.getAddedSize());
                }
            });
            // pressed twice before the first check has queued anything: each model is scored once
            menuItem(scene, "menu-score").fire();
            menuItem(scene, "menu-score").fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> table.getItems().stream().allMatch(r -> !((WorklistRow) r).scores().isEmpty()));
        for (RegisteredModel m : demo) {
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> {
                try (Catalog c = Catalog.open(workspace.resolve("catalog.sqlite"))) {
                    return c.predictions().count(m.sha256()) == DemoWorkspace.STUDIES;
                }
            });
        }
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> window.context().jobs().running().isEmpty()));
        assertThat(listed.get()).as("one scoring job per model, however often the menu was pressed").isEqualTo(demo.size());
        // Asked again, it says there is nothing to do instead of loading the models.
        onFx(() -> {
            menuItem(scene, "menu-score").fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> window.context().notifier().notices().stream()
                .anyMatch(n -> n.message().startsWith("Every case already has scores"))));
    }

    private static boolean noticeSays(MainWindow window, String start) throws Exception {
        return onFx(() -> window.context().notifier().notices().stream().anyMatch(n -> n.message().startsWith(start)));
    }

    @Test
    void scoreAllWithNoModelRegisteredSaysNoModelIsChosen() throws Exception {
        Stage stage = open(false);
        MainWindow window = (MainWindow) stage.getScene().getRoot().getProperties().get(MainWindow.class);
        onFx(() -> {
            menuItem(stage.getScene(), "menu-score").fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> noticeSays(window, "No model chosen"));
    }

    @Test
    void scoreAllWithOnlyModelAChosenScoresWithIt() throws Exception {
        RegisteredModel v1 = org.glassbox.app.workflow.ReviewWorkspaces.registerDemo(workspace, "demo-v1"); // one model: B stays empty
        Stage stage = open(false);
        Scene scene = stage.getScene();
        MainWindow window = (MainWindow) scene.getRoot().getProperties().get(MainWindow.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> window.context().modelA().get() != null));
        assertThat(onFx(() -> window.context().modelA().get().sha256())).isEqualTo(v1.sha256());
        assertThat(onFx(() -> window.context().modelB().get())).isNull();
        onFx(() -> {
            menuItem(scene, "menu-score").fire();
            return null;
        });
        // no case in the workspace: model A has nothing missing, and the shell says so
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> noticeSays(window, "Every case already has scores"));
        assertThat(onFx(() -> window.context().notifier().notices().stream().noneMatch(n -> n.level() == Notice.Level.ERROR))).isTrue();
    }

    @Test
    void cancellingOpenWorkspaceStillLeavesAWorkingShell() throws Exception {
        RegisteredModel v1 = org.glassbox.app.workflow.ReviewWorkspaces.registerDemo(workspace, "demo-v1");
        FxToolkit.registerPrimaryStage();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger rowReads = new java.util.concurrent.atomic.AtomicInteger();
        MainWindow.WorklistSource source = new MainWindow.WorklistSource() {
            @Override
            public void prepare(org.glassbox.core.task.ProgressListener progress) throws Exception {
                release.await(30, TimeUnit.SECONDS); // like seeding: does not look at the token
            }

            @Override
            public List<WorklistRow> rows(String modelSha256) {
                rowReads.incrementAndGet();
                return List.of();
            }
        };
        WorkstationContext context = WorkstationContext.open(workspace);
        MainWindow window = new MainWindow(context, source, () -> "test backend", true);
        onFx(() -> {
            window.show(new Stage());
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> !context.jobs().running().isEmpty()));
        onFx(() -> context.jobs().running().get(0).cancel());
        release.countDown();
        // the user cancelled the preparation; the shell still lists the models and reads the worklist
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> context.modelA().get() != null) && rowReads.get() > 0);
        assertThat(onFx(() -> context.models().stream().map(RegisteredModel::sha256).toList())).containsExactly(v1.sha256());
        WaitForAsyncUtils.waitForFxEvents();
        int before = rowReads.get();
        onFx(() -> {
            context.catalogChanged();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rowReads.get() > before); // reloads keep working
    }
}
