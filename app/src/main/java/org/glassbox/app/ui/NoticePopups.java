package org.glassbox.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.action.Action;

/**
 * Shows each new {@link Notice} as a ControlsFX notification over the window (errors stay longer
 * and offer "Details", which opens the cause chain in a dialog) and keeps them all reachable from a
 * status-bar button that opens the list in a pop-over.
 */
final class NoticePopups {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private final Notifier notifier;
    private final Button button = new Button();

    NoticePopups(Notifier notifier) {
        this.notifier = notifier;
        button.setId("notices");
        button.setFocusTraversable(false);
        updateButton();
        notifier.notices().addListener((ListChangeListener<Notice>) c -> updateButton());
    }

    /** Pops up every notice posted from now on over {@code owner}. */
    void attach(Window owner) {
        notifier.notices().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    c.getAddedSubList().forEach(n -> popUp(owner, n));
                }
            }
        });
        button.setOnAction(e -> list().show(button));
    }

    /** The status-bar button: "Notices (N)", or "Notices (N, K errors)". */
    Button button() {
        return button;
    }

    private void updateButton() {
        long errors = notifier.notices().stream().filter(n -> n.level() == Notice.Level.ERROR).count();
        int n = notifier.notices().size();
        button.setText(errors == 0 ? "Notices (" + n + ")" : "Notices (" + n + ", " + errors + (errors == 1 ? " error)" : " errors)"));
    }

    private PopOver list() {
        ListView<Notice> view = new ListView<>(notifier.notices());
        view.setId("notice-list");
        view.setPrefSize(560, 300);
        view.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Notice n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : TIME.format(n.at()) + "  " + n.level() + "  " + n.title() + ": " + n.message());
            }
        });
        view.setOnMouseClicked(e -> {
            Notice n = view.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && n != null) {
                details(view.getScene().getWindow(), n);
            }
        });
        view.scrollTo(Math.max(0, notifier.notices().size() - 1));
        PopOver pop = new PopOver(view);
        pop.setTitle("Notices (double-click for details)");
        pop.setArrowLocation(PopOver.ArrowLocation.BOTTOM_LEFT);
        pop.setDetachable(false);
        return pop;
    }

    private static void popUp(Window owner, Notice n) {
        if (owner == null || !owner.isShowing()) {
            return;
        }
        Notifications popup = Notifications.create().owner(owner).title(n.title()).text(n.message())
                .hideAfter(Duration.seconds(n.level() == Notice.Level.ERROR ? 15 : 5));
        if (!n.details().isEmpty() || n.level() == Notice.Level.ERROR) {
            popup = popup.action(new Action("Details", e -> details(owner, n)));
        }
        switch (n.level()) {
            case INFO -> popup.showInformation();
            case WARNING -> popup.showWarning();
            case ERROR -> popup.showError();
        }
    }

    /** The notice in a dialog: title, message and details (the cause chain — never a stack trace). */
    static void details(Window owner, Notice n) {
        Alert alert = new Alert(n.level() == Notice.Level.ERROR ? Alert.AlertType.ERROR
                : n.level() == Notice.Level.WARNING ? Alert.AlertType.WARNING : Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle(n.title());
        alert.setHeaderText(n.message());
        TextArea text = new TextArea(n.details().isEmpty() ? "(no further details)" : n.details());
        text.setEditable(false);
        text.setWrapText(true);
        alert.getDialogPane().setContent(text);
        alert.show();
    }
}
