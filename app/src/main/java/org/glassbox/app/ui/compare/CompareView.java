package org.glassbox.app.ui.compare;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.glassbox.app.ui.WorkstationContext;

/** TEMPORARY placeholder while the view is being built in its own branch; replaced before issue 6 closes. */
public final class CompareView extends BorderPane {
    public CompareView(WorkstationContext context) {
        setId("compare-view");
        setCenter(new Label("CompareView"));
    }
}
