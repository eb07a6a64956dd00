package org.glassbox.app.cli;

import java.io.PrintWriter;
import org.glassbox.core.ingest.ImportProgress;

/**
 * A one-line progress bar on a terminal's stderr ({@code \r}-rewritten, at most ~10 redraws a
 * second). Use {@link #forConsole} so that nothing is drawn when stderr is not a terminal.
 */
final class ProgressBar implements ImportProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** A bar when the JVM has a console (an interactive terminal), else no output at all. */
    static ImportProgress forConsole(PrintWriter err, String label) {
        return System.console() != null ? new ProgressBar(err, label) : ImportProgress.NONE;
    }

    @Override
    public void update(int done, int total) {
        update(done, total, "");
    }

    /** As {@link #update(int, int)}, with a short text after the count (e.g. "ETA 1m05s"). */
    void update(int done, int total, String suffix) {
        long now = System.nanoTime();
        if (done < total && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + (suffix.isEmpty() ? "" : "  " + suffix) + "   ");
        if (done >= total) {
            err.println();
        }
        err.flush();
    }
}
