package org.glassbox.viewer.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.glassbox.viewer.render.Navigation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The image pane in a real (headless, Monocle) stage, driven by the events a user would make. */
class ImagePaneTest {
    private Stage stage;
    private ImagePane left;
    private ImagePane right;

    @BeforeEach
    void open() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        onFx(() -> {
            left = new ImagePane();
            right = new ImagePane();
            left.setPrefSize(200, 100);
            right.setPrefSize(200, 100);
            stage.setScene(new Scene(new HBox(left, right), 400, 100));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static FramePixels ramp() {
        // 40×20, 12-bit: value = 100 × column
        PixelDescription d = new PixelDescription(20, 40, 1, 1, 16, 12, 11, false, "MONOCHROME2");
        int[] s = new int[800];
        for (int i = 0; i < s.length; i++) {
            s[i] = 100 * (i % 40);
        }
        return new FramePixels(d, 0, s);
    }

    private static GreyscalePipeline window(double c, double w) {
        return new GreyscalePipeline(ModalityTransform.IDENTITY, Window.linear(c, w), false);
    }

    @Test
    void fitsTheFrameAndRendersItThroughThePipeline() throws Exception {
        FramePixels f = ramp();
        onFx(() -> {
            left.setFrame(f, window(2000, 4000), false);
            return null;
        });
        Navigation n = left.navigationProperty().get();
        assertThat(n.zoom()).isCloseTo(5, within(1e-9)); // 40×20 into 200×100
        WritableImage image = (WritableImage) onFx(() -> ((javafx.scene.image.ImageView) left.getChildrenUnmodifiable().get(0)).getImage());
        // screen x 102 → image column 20 → stored 2000 → window (2000, 4000) → grey round(255 × (0.5 − 0.5/3999 ...))
        int argb = image.getPixelReader().getArgb(102, 50);
        byte[] expected = window(2000, 4000).to8Bit(f);
        assertThat(argb & 0xFF).isEqualTo(expected[10 * 40 + 20] & 0xFF);
    }

    @Test
    void rightDragChangesTheWindowAndLinkedPanesFollow() throws Exception {
        FramePixels f = ramp();
        onFx(() -> {
            left.setFrame(f, window(2000, 4000), false);
            right.setFrame(f, window(2000, 4000), false);
            left.windowProperty().bindBidirectional(right.windowProperty());
            left.navigationProperty().bindBidirectional(right.navigationProperty());
            return null;
        });
        onFx(() -> {
            mouse(left, MouseEvent.MOUSE_PRESSED, MouseButton.SECONDARY, 100, 50);
            mouse(left, MouseEvent.MOUSE_DRAGGED, MouseButton.SECONDARY, 140, 30);
            mouse(left, MouseEvent.MOUSE_RELEASED, MouseButton.SECONDARY, 140, 30);
            return null;
        });
        Window w = left.windowProperty().get();
        // 0.5 % of the width per pixel: +40 px → width +800, −20 px → centre −400
        assertThat(w.width()).isCloseTo(4800, within(1e-9));
        assertThat(w.center()).isCloseTo(1600, within(1e-9));
        assertThat(right.windowProperty().get()).isEqualTo(w);

        onFx(() -> {
            left.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 100, 50, 100, 50, false, true, false, false, false, false,
                    0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            return null;
        });
        assertThat(left.navigationProperty().get().zoom()).isCloseTo(5.5, within(1e-9));
        assertThat(right.navigationProperty().get()).isEqualTo(left.navigationProperty().get());
    }

    @Test
    void keysInvertFitAndReset() throws Exception {
        FramePixels f = ramp();
        onFx(() -> {
            left.setFrame(f, window(2000, 4000), false);
            left.navigationProperty().set(new Navigation(1, 3, 3));
            left.windowProperty().set(Window.linear(10, 10));
            key(left, KeyCode.I);
            return null;
        });
        assertThat(left.invertedProperty().get()).isTrue();
        onFx(() -> {
            key(left, KeyCode.F);
            return null;
        });
        assertThat(left.navigationProperty().get().zoom()).isCloseTo(5, within(1e-9));
        onFx(() -> {
            key(left, KeyCode.R);
            return null;
        });
        assertThat(left.invertedProperty().get()).isFalse();
        assertThat(left.windowProperty().get()).isEqualTo(Window.linear(2000, 4000));
    }

    private static void mouse(ImagePane pane, javafx.event.EventType<MouseEvent> type, MouseButton button, double x, double y) {
        pane.fireEvent(new MouseEvent(type, x, y, x, y, button, 1, false, false, false, false,
                button == MouseButton.PRIMARY, false, button == MouseButton.SECONDARY, false, false, false, new PickResult(pane, x, y)));
    }

    private static void key(ImagePane pane, KeyCode code) {
        Event.fireEvent(pane, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Platform.runLater(task);
        T result = task.get();
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }
}
