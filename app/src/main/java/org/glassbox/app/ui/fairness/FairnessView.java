package org.glassbox.app.ui.fairness;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.glassbox.app.ui.WorkstationContext;

/** TEMPORARY placeholder while the view is being built in its own branch; replaced before issue 6 closes. */
public final class FairnessView extends BorderPane {
    public FairnessView(WorkstationContext context) {
        setId("fairness-view");
        setCenter(new Label("FairnessView"));
    }
}
