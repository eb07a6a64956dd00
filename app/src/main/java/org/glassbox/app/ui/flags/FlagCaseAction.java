package org.glassbox.app.ui.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.FlagService;
import org.glassbox.app.workflow.ReviewerPseudonym;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.workspace.Workspace;

/**
 * The one entry point other views use to flag the current case (menu, toolbar button, shortcut):
 * the flag dialog for {@code context.currentCase()} and model A; OK stores the flag
 * ({@link FlagService#raise}: catalog + audit entry), remembers the reviewer pseudonym and bumps the
 * catalog version so the flags list reloads.
 */
public final class FlagCaseAction {
    private FlagCaseAction() {
    }

    /** Opens the flag dialog for {@code context.currentCase()} (nothing when no case is selected). */
    public static void flagCurrentCase(WorkstationContext context, Window owner) {
        WorklistRow row = context.currentCase().get();
        if (row == null) {
            return;
        }
        context.jobs().quick("Flag case", (p, c) -> ReviewerPseudonym.remembered(Workspace.open(context.workspace())), remembered -> {
            if (row.equals(context.currentCase().get())) {
                open(context, owner, row, remembered).show();
            }
        });
    }

    /**
     * The dialog for {@code row} and model A, wired to store the flag on OK; the caller shows it.
     *
     * @param rememberedReviewer the pseudonym to prefill (may be empty)
     */
    public static FlagDialog open(WorkstationContext context, Window owner, WorklistRow row, String rememberedReviewer) {
        RegisteredModel model = context.modelA().get();
        FlagDialog dialog = new FlagDialog(new FlagDialogModel(row, model, labels(model), rememberedReviewer));
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == ButtonType.OK) {
                store(context, dialog.model().toFlag(Instant.now()));
            }
        });
        return dialog;
    }

    private static void store(WorkstationContext context, BiasFlag flag) {
        context.jobs().quick("Flag case", (p, c) -> {
            Workspace ws = Workspace.open(context.workspace());
            ReviewerPseudonym.remember(ws, flag.reviewer());
            return new FlagService(ws).raise(flag);
        }, stored -> {
            context.notifier().info("Flag", "Flag " + stored.id() + " raised: " + stored.category().description() + ".");
            context.catalogChanged();
        });
    }

    /** The model's labels from its registered manifest; empty when there is no model or the manifest has none. */
    static List<String> labels(RegisteredModel model) {
        List<String> out = new ArrayList<>();
        if (model == null) {
            return out;
        }
        try {
            JsonNode labels = new ObjectMapper().readTree(model.manifestJson()).path("labels");
            labels.forEach(l -> out.add(l.asText()));
        } catch (java.io.IOException e) {
            // a manifest that no longer parses: the flag can still be on the case as a whole
        }
        return out;
    }
}
