package org.glassbox.app.workflow;

import java.util.Locale;
import org.glassbox.inference.batch.ExecutionInfo;

/** The inference backend as the status bar shows it, e.g. "CPU (CpuBackend, 2 threads)". */
public final class BackendDescription {
    private BackendDescription() {
    }

    /** Loads ND4J if needed (seconds on first use): call off the FX thread. */
    public static String current() {
        return of(ExecutionInfo.current());
    }

    static String of(ExecutionInfo info) {
        return info.device().toUpperCase(Locale.ROOT) + " (" + info.backend() + ", " + info.threads() + " threads)";
    }
}
