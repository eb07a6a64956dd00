package org.glassbox.app.ui;

import java.nio.file.Path;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The main window: minimal until the workstation issue — the workspace it shows and a status bar
 * (backend, workspace). Dark by default, for reading rooms.
 */
public final class MainWindow {
    private final Path workspace;

    public MainWindow(Path workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** Window title; always starts with "GlassBox". */
    public String title() {
        return "GlassBox — " + workspace.getFileName();
    }

    public Scene createScene() {
        BorderPane root = new BorderPane();
        root.setId("main-window");
        Label centre = new Label("Workspace " + workspace);
        centre.setId("workspace-label");
        root.setCenter(centre);
        Label status = new Label("Backend: CPU · workspace: " + workspace);
        status.setId("status-bar");
        status.setPadding(new Insets(4, 8, 4, 8));
        root.setBottom(status);
        root.setStyle("-fx-background-color: #1b1d21; -fx-base: #2b2e33; -fx-text-base-color: #e0e0e0;");
        centre.setStyle("-fx-text-fill: #e0e0e0;");
        status.setStyle("-fx-text-fill: #b0b0b0;");
        return new Scene(root, 1280, 800);
    }

    public void show(Stage stage) {
        stage.setTitle(title());
        stage.setScene(createScene());
        stage.show();
    }
}
