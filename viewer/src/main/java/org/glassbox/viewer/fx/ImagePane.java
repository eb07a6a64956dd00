package org.glassbox.viewer.fx;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.glassbox.viewer.render.DisplayLut;
import org.glassbox.viewer.render.GreyRenderer;
import org.glassbox.viewer.render.HeatmapLayer;
import org.glassbox.viewer.render.MaskContours;
import org.glassbox.viewer.render.Navigation;
import org.glassbox.viewer.render.Viewport;
import org.glassbox.viewer.render.WindowDrag;

/**
 * One image viewport: renders a frame through the shared grey pipeline at the pane's resolution,
 * with an explanation heatmap blended in and ground-truth outlines stroked on top.
 *
 * <p>Mouse and keys (Weasis/OHIF conventions): right-drag window/level, left-drag pan, ctrl+wheel
 * zoom about the pointer, F fit, 1 one-to-one, I invert, R reset. {@link #navigationProperty()} and
 * {@link #windowProperty()} can be bound bidirectionally between panes to keep them in step. Plain
 * wheel and arrow keys are left to the owner (frame and series scrolling), via {@link #setOnScroll}
 * and key handlers.
 */
public final class ImagePane extends Region {
    private final ImageView imageView = new ImageView();
    private final Canvas vectors = new Canvas();
    private final GreyRenderer renderer = new GreyRenderer();
    private final ObjectProperty<Navigation> navigation = new SimpleObjectProperty<>(this, "navigation");
    private final ObjectProperty<Window> window = new SimpleObjectProperty<>(this, "window");
    private final BooleanProperty inverted = new SimpleBooleanProperty(this, "inverted");
    private final BooleanProperty heatmapVisible = new SimpleBooleanProperty(this, "heatmapVisible", true);

    private FramePixels frame;
    private GreyscalePipeline basePipeline;
    private Window initialWindow;
    private HeatmapLayer heatmap;
    private List<MaskContours.Segment> outlines = List.of();
    private List<String> labels = List.of();
    private WritableImage image;
    private int[] buffer = new int[0];
    private long lastRenderNanos;

    private double dragX;
    private double dragY;
    private WindowDrag windowDrag;
    private Navigation panStart;

    public ImagePane() {
        getStyleClass().add("image-pane");
        imageView.setSmooth(false);
        vectors.setMouseTransparent(true);
        getChildren().addAll(imageView, vectors);
        setFocusTraversable(true);
        setMinSize(64, 64);
        navigation.addListener((o, a, b) -> requestRender());
        window.addListener((o, a, b) -> requestRender());
        inverted.addListener((o, a, b) -> requestRender());
        heatmapVisible.addListener((o, a, b) -> requestRender());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            windowDrag = null;
            panStart = null;
        });
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    /**
     * Shows a frame. The pipeline's VOI (or the frame's min–max when it has none) becomes the
     * starting window; the view is fitted unless {@code keepNavigation} (frame scrolling in a series).
     */
    public void setFrame(FramePixels newFrame, GreyscalePipeline pipeline, boolean keepNavigation) {
        this.frame = Objects.requireNonNull(newFrame, "frame");
        this.basePipeline = pipeline.resolvedFor(newFrame);
        this.initialWindow = basePipeline.voi() instanceof Window w ? w : null;
        if (!keepNavigation || navigation.get() == null) {
            navigation.set(fitNavigation());
        }
        if (!keepNavigation || window.get() == null) {
            window.set(initialWindow);
        }
        requestRender();
    }

    public FramePixels frame() {
        return frame;
    }

    /** The explanation overlay (null for none). */
    public void setHeatmap(HeatmapLayer layer) {
        this.heatmap = layer;
        requestRender();
    }

    /** Ground-truth outlines in image coordinates (empty for none). */
    public void setOutlines(List<MaskContours.Segment> segments) {
        this.outlines = List.copyOf(segments);
        requestRender();
    }

    /**
     * Text lines drawn top-left on the vector layer (finding labels such as "nodule 0.91"), so they
     * stay sharp at any zoom; empty for none.
     */
    public void setLabels(List<String> lines) {
        this.labels = List.copyOf(lines);
        requestRender();
    }

    public List<String> labels() {
        return labels;
    }

    /** The overlay now shown (null for none). */
    public HeatmapLayer heatmap() {
        return heatmap;
    }

    /** The outlines now shown, image coordinates. */
    public List<MaskContours.Segment> outlines() {
        return outlines;
    }

    public ObjectProperty<Navigation> navigationProperty() {
        return navigation;
    }

    /** The current window in modality units; null while the file's VOI LUT table is in use. */
    public ObjectProperty<Window> windowProperty() {
        return window;
    }

    public BooleanProperty invertedProperty() {
        return inverted;
    }

    public BooleanProperty heatmapVisibleProperty() {
        return heatmapVisible;
    }

    /** Wall time of the last render in nanoseconds (grey + overlay + upload), for the status bar. */
    public long lastRenderNanos() {
        return lastRenderNanos;
    }

    public void fit() {
        if (frame != null) {
            navigation.set(fitNavigation());
        }
    }

    public void oneToOne() {
        if (navigation.get() != null) {
            Navigation n = navigation.get();
            navigation.set(new Navigation(1, n.centerX(), n.centerY()));
        }
    }

    /** Back to the file's window, fitted, not inverted. */
    public void reset() {
        inverted.set(false);
        window.set(initialWindow);
        fit();
    }

    /** The viewport as laid out now (null before the first layout or frame). */
    public Viewport viewport() {
        int w = (int) Math.round(getWidth());
        int h = (int) Math.round(getHeight());
        return navigation.get() == null || w < 1 || h < 1 ? null : navigation.get().in(w, h);
    }

    private Navigation fitNavigation() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        return Navigation.of(Viewport.fit(frame.columns(), frame.rows(), (int) w, (int) h));
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        vectors.setWidth(getWidth());
        vectors.setHeight(getHeight());
        render();
    }

    private void requestRender() {
        requestLayout();
        render();
    }

    private void render() {
        Viewport v = viewport();
        if (frame == null || v == null) {
            return;
        }
        long t0 = System.nanoTime();
        int w = v.viewWidth();
        int h = v.viewHeight();
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
            buffer = new int[w * h];
            imageView.setImage(image);
        }
        GreyscalePipeline p = currentPipeline();
        DisplayLut lut = DisplayLut.supports(frame.description()) ? DisplayLut.of(p, frame.description()) : null;
        renderer.render(frame, lut, p, v, buffer);
        if (heatmap != null && heatmapVisible.get()) {
            heatmap.composite(v, buffer);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), buffer, 0, w);
        drawOutlines(v);
        lastRenderNanos = System.nanoTime() - t0;
    }

    private GreyscalePipeline currentPipeline() {
        boolean invert = basePipeline.invert() ^ inverted.get();
        return new GreyscalePipeline(basePipeline.modality(), window.get() != null ? window.get() : basePipeline.voi(), invert);
    }

    private void drawOutlines(Viewport v) {
        GraphicsContext g = vectors.getGraphicsContext2D();
        g.clearRect(0, 0, vectors.getWidth(), vectors.getHeight());
        g.setStroke(Color.rgb(255, 210, 0));
        g.setLineWidth(1.5);
        for (MaskContours.Segment s : outlines) {
            g.strokeLine(v.screenX(s.x1()), v.screenY(s.y1()), v.screenX(s.x2()), v.screenY(s.y2()));
        }
        double y = 18;
        for (String line : labels) {
            // Dark halo under light text: readable over any grey or colormap value.
            g.setLineWidth(3);
            g.setStroke(Color.rgb(0, 0, 0, 0.8));
            g.strokeText(line, 8, y);
            g.setFill(Color.rgb(255, 235, 120));
            g.fillText(line, 8, y);
            y += 16;
        }
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        if (e.getButton() == MouseButton.SECONDARY && frame != null) {
            Window start = window.get() != null ? window.get() : minMaxWindow();
            windowDrag = new WindowDrag(start, 1);
        } else if (e.getButton() == MouseButton.PRIMARY) {
            panStart = navigation.get();
        }
    }

    private void dragged(MouseEvent e) {
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (windowDrag != null) {
            window.set(windowDrag.at(dx, dy));
        } else if (panStart != null && viewport() != null) {
            navigation.set(Navigation.of(panStart.in(viewport().viewWidth(), viewport().viewHeight()).panBy(dx, dy)));
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() && viewport() != null && e.getDeltaY() != 0) {
            double factor = Math.pow(1.1, e.getDeltaY() / 40.0);
            navigation.set(Navigation.of(viewport().zoomAbout(factor, e.getX(), e.getY())));
            e.consume();
        }
    }

    private void keyPressed(KeyEvent e) {
        KeyCode code = e.getCode();
        switch (code) {
            case F -> fit();
            case DIGIT1, NUMPAD1 -> oneToOne();
            case I -> inverted.set(!inverted.get());
            case R -> reset();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** The frame's own range as a window, the start of a drag when the file only gave a VOI LUT table. */
    private Window minMaxWindow() {
        GreyscalePipeline stretched = new GreyscalePipeline(basePipeline.modality(), null, basePipeline.invert()).resolvedFor(frame);
        return (Window) stretched.voi();
    }
}
