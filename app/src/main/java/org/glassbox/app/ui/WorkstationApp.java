package org.glassbox.app.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The workstation window. Minimal until the workstation issue: title, workspace and status bar.
 */
public final class WorkstationApp extends Application {
    private static volatile Path workspace;

    /** Blocks until the window closes. */
    public static void launchWith(Path ws) {
        workspace = ws;
        Application.launch(WorkstationApp.class);
    }

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane();
        root.setCenter(new Label("GlassBox workstation — workspace " + workspace));
        Label status = new Label("Backend: CPU · workspace: " + workspace);
        status.setPadding(new Insets(4));
        root.setBottom(status);
        root.setStyle("-fx-background-color: #1e1e1e; -fx-text-fill: #dddddd;");
        stage.setTitle("GlassBox — " + workspace);
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }
}
