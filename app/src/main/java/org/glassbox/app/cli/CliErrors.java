package org.glassbox.app.cli;

/** Turns exceptions into the one line a user sees. */
final class CliErrors {
    private CliErrors() {
    }

    static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            message = t.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
