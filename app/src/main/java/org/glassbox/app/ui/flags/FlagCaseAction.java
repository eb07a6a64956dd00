package org.glassbox.app.ui.flags;

import javafx.stage.Window;
import org.glassbox.app.ui.WorkstationContext;

/**
 * The one entry point other views use to flag the current case (menu, toolbar button, shortcut).
 * TEMPORARY: the dialog is being built in its own branch; replaced before issue 6 closes.
 */
public final class FlagCaseAction {
    private FlagCaseAction() {
    }

    /** Opens the flag dialog for {@code context.currentCase()} (nothing when no case is selected). */
    public static void flagCurrentCase(WorkstationContext context, Window owner) {
        if (context.currentCase().get() != null) {
            context.notifier().info("Flag", "Flagging is not available yet.");
        }
    }
}
