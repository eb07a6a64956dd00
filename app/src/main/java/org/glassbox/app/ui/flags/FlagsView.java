package org.glassbox.app.ui.flags;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.glassbox.app.ui.WorkstationContext;

/** TEMPORARY placeholder while the view is being built in its own branch; replaced before issue 6 closes. */
public final class FlagsView extends BorderPane {
    public FlagsView(WorkstationContext context) {
        setId("flags-view");
        setCenter(new Label("FlagsView"));
    }
}
