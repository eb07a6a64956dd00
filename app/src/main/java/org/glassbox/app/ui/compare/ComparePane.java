package org.glassbox.app.ui.compare;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.model.FramePixels;
import org.glassbox.viewer.fx.ImagePane;
import org.glassbox.viewer.render.HeatmapLayer;

/**
 * One pane of the compare view: a title over an {@link ImagePane} showing the case's frame with one
 * heatmap (model A's map, model B's, or A−B). Small on purpose; may give way to the review view's
 * case viewer.
 */
public final class ComparePane extends BorderPane {
    private final Label title = new Label();
    private final Label empty = new Label("No case");
    private final ImagePane image = new ImagePane();
    private HeatmapLayer heatmap;

    public ComparePane(String id, String initialTitle) {
        setId(id);
        image.setId(id + "-image");
        title.setId(id + "-title");
        title.setText(initialTitle);
        title.setStyle("-fx-text-fill: #d0d0d0; -fx-padding: 2 6 2 6;");
        empty.setStyle("-fx-text-fill: #808080;");
        StackPane stack = new StackPane(image, empty);
        stack.setStyle("-fx-background-color: black;");
        StackPane.setAlignment(empty, Pos.CENTER);
        image.setVisible(false);
        setTop(title);
        setCenter(stack);
        setMinSize(120, 120);
    }

    /** The frame with this pane's heatmap; navigation is kept when the pane already shows a frame of that size. */
    public void show(String newTitle, FramePixels frame, GreyscalePipeline pipeline, HeatmapLayer layer) {
        title.setText(newTitle);
        FramePixels old = image.frame();
        boolean sameGeometry = old != null && old.rows() == frame.rows() && old.columns() == frame.columns();
        image.setFrame(frame, pipeline, sameGeometry);
        image.setHeatmap(layer);
        heatmap = layer;
        image.setVisible(true);
        empty.setVisible(false);
    }

    /** Shows {@code why} instead of an image. */
    public void clear(String why) {
        heatmap = null;
        image.setHeatmap(null);
        image.setVisible(false);
        empty.setText(why);
        empty.setVisible(true);
    }

    public ImagePane imagePane() {
        return image;
    }

    /** The heatmap shown, or null. */
    public HeatmapLayer heatmap() {
        return heatmap;
    }

    public String title() {
        return title.getText();
    }
}
