package org.glassbox.app.ui;

import java.time.Instant;
import java.util.Objects;

/**
 * A message for the user: what happened, in one line, with details to expand (the cause chain's
 * messages — never a raw stack trace).
 *
 * @param level   how it is shown
 * @param title   what was being done, e.g. "Import"
 * @param message one line
 * @param details more lines, possibly empty
 * @param at      when
 */
public record Notice(Level level, String title, String message, String details, Instant at) {
    public enum Level { INFO, WARNING, ERROR }

    public Notice {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        details = details == null ? "" : details;
        Objects.requireNonNull(at, "at");
    }
}
