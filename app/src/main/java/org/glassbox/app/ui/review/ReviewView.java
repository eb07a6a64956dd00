package org.glassbox.app.ui.review;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.glassbox.app.ui.WorkstationContext;

/** TEMPORARY placeholder while the view is being built in its own branch; replaced before issue 6 closes. */
public final class ReviewView extends BorderPane {
    public ReviewView(WorkstationContext context) {
        setId("review-view");
        setCenter(new Label("ReviewView"));
    }
}
