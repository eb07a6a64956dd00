package org.glassbox.app.ui;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Collects notices for the user from any thread and hands them to the FX thread, where the shell
 * shows each as a pop-up notification and keeps them in a list. Errors become one line plus the
 * cause chain's messages; a cancelled job is an information, not an error.
 */
public final class Notifier {
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();

    /** Every notice so far, oldest first; change only on the FX thread. */
    public ObservableList<Notice> notices() {
        return notices;
    }

    public void info(String title, String message) {
        post(new Notice(Notice.Level.INFO, title, message, "", Instant.now()));
    }

    public void warning(String title, String message, String details) {
        post(new Notice(Notice.Level.WARNING, title, message, details, Instant.now()));
    }

    /** An error from {@code title}'s work: its message in one line, the causes as details. */
    public void error(String title, Throwable t) {
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            info(title, "Cancelled.");
            return;
        }
        post(new Notice(Notice.Level.ERROR, title, oneLine(t), causes(t), Instant.now()));
    }

    private void post(Notice n) {
        if (Platform.isFxApplicationThread()) {
            notices.add(n);
        } else {
            Platform.runLater(() -> notices.add(n));
        }
    }

    /** The message a user sees: never blank, never more than one line. */
    public static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            message = t.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    /** The distinct messages of the cause chain below {@code t}, one per line. */
    static String causes(Throwable t) {
        Set<String> lines = new LinkedHashSet<>();
        String top = oneLine(t);
        // identity, not equals: a chain may loop (A → B → A), and a throwable may define equals
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(t);
        for (Throwable c = t.getCause(); c != null && seen.add(c); c = c.getCause()) {
            String line = c.getClass().getSimpleName() + ": " + oneLine(c);
            if (!top.contains(oneLine(c))) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }
}
