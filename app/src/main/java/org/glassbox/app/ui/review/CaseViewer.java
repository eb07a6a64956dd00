package org.glassbox.app.ui.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseImage;
import org.glassbox.app.workflow.CaseImages;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.ImagePresentation;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.glassbox.viewer.fx.ImagePane;
import org.glassbox.viewer.fx.TagBrowser;
import org.glassbox.viewer.render.Colormap;
import org.glassbox.viewer.render.FrameIndex;
import org.glassbox.viewer.render.HeatmapLayer;
import org.glassbox.viewer.render.HeatmapStyle;
import org.glassbox.viewer.render.MapFootprint;
import org.glassbox.viewer.render.MaskContours;
import org.glassbox.viewer.render.ModelInputFrames;
import org.glassbox.viewer.render.Navigation;
import org.glassbox.viewer.render.WindowPresets;

/**
 * A reusable viewer for one catalogued case: an {@link ImagePane} with a toolbar (window presets,
 * invert, fit, 1:1, reset, heatmap style, "What the model saw") and a DICOM tag drawer.
 *
 * <p>Mouse and keys: those of {@link ImagePane} (right-drag W/L, left-drag pan, ctrl+wheel zoom, F,
 * 1, I, R), plus wheel and Up/Down for the frames of a multi-frame image and Left/Right or
 * PageUp/PageDown for the previous/next case of the worklist.
 *
 * <p>Overlays, in drawing order: the explanation heatmap ({@link #setHeatmap}), ground-truth mask
 * contours (the generated cohort's masks for the case's true findings, loaded with the case),
 * and finding labels ({@link #setFindingLabels}). A heatmap is at model-input resolution and covers
 * the model's field of view ({@link MapFootprint}); it lines up with the DICOM frame and, when
 * "What the model saw" is on, with the model's input (given by {@link #setModelView}).
 *
 * <p>Loading and decoding run through {@code context.jobs().quick}; results that arrive after the
 * case changed are dropped.
 */
public final class CaseViewer extends BorderPane {
    private final WorkstationContext context;
    private final CaseImages images;
    private final ImagePane pane = new ImagePane();
    private final TagBrowser tags = new TagBrowser();
    private final ReadOnlyObjectWrapper<CaseImage> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ObjectProperty<HeatmapStyle> heatmapStyle = new SimpleObjectProperty<>(this, "heatmapStyle", HeatmapStyle.defaults());
    private final BooleanProperty modelViewShown = new SimpleBooleanProperty(this, "modelViewShown");
    private final Label frameLabel = new Label();
    private final ComboBox<WindowPresets.Preset> presets = new ComboBox<>();
    private final ToggleButton modelSaw = new ToggleButton("What the model saw");
    private final ToggleButton tagsToggle = new ToggleButton("Tags");

    private IntConsumer onStepCase;
    private long generation;
    private String sopInstanceUid;
    private FrameIndex frameIndex;
    private FramePixels currentFrame;
    private GreyscalePipeline automatic;
    private List<float[]> truthMasks = List.of();
    private ModelInputFrames.DisplayFrame modelFrame;
    private ModelInputSpec modelSpec;
    private float[] map;
    private int mapHeight;
    private int mapWidth;

    public CaseViewer(WorkstationContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.images = new CaseImages(context.workspace());
        setId("case-viewer");
        pane.setId("image-pane");
        pane.setPrefSize(600, 600);
        tags.setId("tag-browser");
        tags.setPrefWidth(360);
        onStepCase = this::stepWorklist;

        StackPane centre = new StackPane(pane);
        centre.setStyle("-fx-background-color: black;");
        setCenter(centre);
        setTop(toolbar());
        tagsToggle.selectedProperty().addListener((o, a, show) -> setRight(show ? tags : null));

        pane.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (!e.isControlDown() && !e.isConsumed() && frameIndex != null) {
                stepFrame(FrameIndex.wheelSteps(e.getDeltaY()));
                e.consume();
            }
        });
        pane.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP -> stepFrame(-1);
                case DOWN -> stepFrame(1);
                case LEFT, PAGE_UP -> onStepCase.accept(-1);
                case RIGHT, PAGE_DOWN -> onStepCase.accept(1);
                default -> {
                    return;
                }
            }
            e.consume();
        });
        heatmapStyle.addListener((o, a, b) -> refreshHeatmap());
        modelViewShown.addListener((o, a, b) -> showCurrent(false));
    }

    private FlowPane toolbar() {
        presets.setId("viewer-preset");
        presets.setPromptText("Window");
        presets.setButtonCell(presetCell());
        presets.setCellFactory(l -> presetCell());
        presets.setOnAction(e -> {
            WindowPresets.Preset p = presets.getValue();
            if (p != null) {
                applyPreset(p);
            }
        });
        ToggleButton invert = new ToggleButton("Invert");
        invert.setId("viewer-invert");
        invert.selectedProperty().bindBidirectional(pane.invertedProperty());
        Button fit = button("viewer-fit", "Fit", "F", pane::fit);
        Button one = button("viewer-one-to-one", "1:1", "1", pane::oneToOne);
        Button reset = button("viewer-reset", "Reset", "R", () -> {
            pane.reset();
            presets.getSelectionModel().clearSelection();
        });
        modelSaw.setId("viewer-model-saw");
        modelSaw.setTooltip(new Tooltip("Show the model's preprocessed input instead of the DICOM frame"));
        modelSaw.setDisable(true);
        modelSaw.selectedProperty().bindBidirectional(modelViewShown);

        CheckBox heat = new CheckBox("Heatmap");
        heat.setId("viewer-heatmap-visible");
        heat.selectedProperty().bindBidirectional(pane.heatmapVisibleProperty());
        ComboBox<Colormap> colormap = new ComboBox<>(FXCollections.observableArrayList(Colormap.values()));
        colormap.setId("viewer-colormap");
        colormap.setValue(heatmapStyle.get().colormap());
        colormap.valueProperty().addListener((o, a, c) -> heatmapStyle.set(heatmapStyle.get().withColormap(c)));
        Slider opacity = slider("viewer-opacity", 0, 1, heatmapStyle.get().opacity(), "Heatmap opacity");
        opacity.valueProperty().addListener((o, a, v) -> heatmapStyle.set(heatmapStyle.get().withOpacity(v.doubleValue())));
        Slider threshold = slider("viewer-threshold", 0, 1, heatmapStyle.get().threshold(), "Hide values below this fraction of the maximum");
        threshold.valueProperty().addListener((o, a, v) -> heatmapStyle.set(heatmapStyle.get().withThreshold(v.doubleValue())));
        Slider smoothing = slider("viewer-smoothing", 0, 5, heatmapStyle.get().smoothingSigma(), "Gaussian smoothing (map pixels)");
        smoothing.valueProperty().addListener((o, a, v) -> heatmapStyle.set(heatmapStyle.get().withSmoothing(v.doubleValue())));
        tagsToggle.setId("viewer-tags");
        frameLabel.setId("viewer-frame");

        FlowPane bar = new FlowPane(6, 4, presets, invert, fit, one, reset, modelSaw, heat, colormap, new Label("Opacity"), opacity,
                new Label("Threshold"), threshold, new Label("Smooth"), smoothing, tagsToggle, frameLabel);
        bar.setPadding(new Insets(4));
        return bar;
    }

    private static ListCell<WindowPresets.Preset> presetCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(WindowPresets.Preset item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        };
    }

    private static Button button(String id, String text, String key, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(text + " (" + key + ")"));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Slider slider(String id, double min, double max, double value, String tip) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setPrefWidth(90);
        s.setTooltip(new Tooltip(tip));
        return s;
    }

    // ---- public API -------------------------------------------------------------------------

    /** The image pane (for snapshots and for linking panes). */
    public ImagePane imagePane() {
        return pane;
    }

    /** Zoom and centre; bind bidirectionally between panes to keep them in step. */
    public ObjectProperty<Navigation> navigationProperty() {
        return pane.navigationProperty();
    }

    /** The window in modality units; bind bidirectionally between panes to keep them in step. */
    public ObjectProperty<Window> windowProperty() {
        return pane.windowProperty();
    }

    /** The opened case (null while none or loading). */
    public ReadOnlyObjectProperty<CaseImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ObjectProperty<HeatmapStyle> heatmapStyleProperty() {
        return heatmapStyle;
    }

    /** True while the model's input is shown instead of the DICOM frame (only possible after {@link #setModelView}). */
    public BooleanProperty modelViewShownProperty() {
        return modelViewShown;
    }

    /** The frame shown (null before a case is open). */
    public FrameIndex frameIndex() {
        return frameIndex;
    }

    /** What Left/Right (PageUp/PageDown) do: by default step through the worklist's visible rows. */
    public void setOnStepCase(IntConsumer step) {
        this.onStepCase = Objects.requireNonNull(step, "step");
    }

    /**
     * Opens a case (null: shows nothing). Clears the heatmap, model view and labels of the previous
     * case; loads the file, its first frame and its truth-mask contours in the background.
     */
    public void setCase(WorklistRow row) {
        long g = ++generation;
        sopInstanceUid = row == null ? null : row.sopInstanceUid();
        image.set(null);
        frameIndex = null;
        currentFrame = null;
        truthMasks = List.of();
        clearModelView();
        clearHeatmap();
        pane.setLabels(List.of());
        pane.setOutlines(List.of());
        frameLabel.setText("");
        if (row == null) {
            return;
        }
        context.jobs().quick("Open case", (progress, cancel) -> {
            CaseImage opened = images.open(row.sopInstanceUid());
            FramePixels first = opened.frame(0);
            // Masks are an optional overlay: a bad one is skipped with a warning, the case still opens.
            CaseImages.GeneratedMasks masks = CaseImages.generatedMasks(opened, row.findings());
            return new Opened(opened, first, masks);
        }, opened -> {
            if (g != generation) {
                return;
            }
            for (String problem : opened.masks().problems()) {
                context.notifier().warning("Open case", problem, "");
            }
            truthMasks = opened.masks().masks();
            automatic = opened.image().automaticPipeline();
            presets.setItems(FXCollections.observableArrayList(presetsFor(opened.image())));
            tags.setDataset(opened.image().dataset());
            frameIndex = FrameIndex.first(opened.image().frames());
            currentFrame = opened.first();
            image.set(opened.image());
            showCurrent(false);
        });
    }

    private record Opened(CaseImage image, FramePixels first, CaseImages.GeneratedMasks masks) {
    }

    /** The case's SOP Instance UID (null for none). */
    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    /**
     * Shows an explanation map.
     *
     * @param values row-major {@code height × width}, at model-input resolution (NaN shown as 0)
     */
    public void setHeatmap(float[] values, int height, int width) {
        if ((long) height * width != values.length) {
            throw new IllegalArgumentException("a " + height + "×" + width + " map needs " + (long) height * width + " values, got " + values.length);
        }
        this.map = values.clone();
        this.mapHeight = height;
        this.mapWidth = width;
        refreshHeatmap();
    }

    public void clearHeatmap() {
        map = null;
        pane.setHeatmap(null);
    }

    /**
     * The model's preprocessed input for this case, enabling "What the model saw".
     *
     * @param chw  C × H × W float32 as the model was given it
     * @param spec the model's preprocessing (value range and how the input lies on the frame)
     */
    public void setModelView(float[] chw, int channels, int height, int width, ModelInputSpec spec) {
        this.modelFrame = ModelInputFrames.of(chw, channels, height, width, spec);
        this.modelSpec = spec;
        modelSaw.setDisable(false);
        if (modelViewShown.get()) {
            showCurrent(false);
        } else {
            refreshHeatmap();
            refreshOutlines();
        }
    }

    public void clearModelView() {
        boolean wasShown = modelViewShown.get();
        modelFrame = null;
        modelSpec = null;
        modelViewShown.set(false);
        modelSaw.setDisable(true);
        if (wasShown) {
            showCurrent(false);
        }
    }

    /** Lines drawn top-left on the image (e.g. "nodule 0.91" for positive findings). */
    public void setFindingLabels(List<String> lines) {
        pane.setLabels(lines);
    }

    /** Steps {@code delta} frames (clamped) in a multi-frame image. */
    public void stepFrame(int delta) {
        if (frameIndex == null || delta == 0) {
            return;
        }
        FrameIndex next = frameIndex.step(delta);
        if (next.equals(frameIndex)) {
            return;
        }
        frameIndex = next;
        CaseImage current = image.get();
        long g = generation;
        context.jobs().quick("Decode frame", (progress, cancel) -> current.frame(next.index()), frame -> {
            if (g == generation && next.equals(frameIndex)) {
                currentFrame = frame;
                showCurrent(true);
            }
        });
    }

    // ---- internals ----------------------------------------------------------------------------

    private void showCurrent(boolean keepNavigation) {
        if (currentFrame == null) {
            return;
        }
        if (modelViewShown.get() && modelFrame != null) {
            pane.setFrame(modelFrame.frame(), modelFrame.pipeline(), keepNavigation);
        } else {
            pane.setFrame(currentFrame, automatic, keepNavigation);
        }
        frameLabel.setText(frameIndex.count() > 1 ? "Frame " + (frameIndex.index() + 1) + "/" + frameIndex.count() : "");
        refreshHeatmap();
        refreshOutlines();
    }

    private boolean modelShown() {
        return modelViewShown.get() && modelFrame != null;
    }

    /** Where the model's input (and its maps) lies on the source frame. */
    private MapFootprint sourceFootprint() {
        CaseImage im = image.get();
        if (modelSpec == null || im == null) {
            return im == null ? null : MapFootprint.whole(im.pixels().columns(), im.pixels().rows());
        }
        return MapFootprint.ofModelInput(modelSpec, im.pixels().rows(), im.pixels().columns());
    }

    private void refreshHeatmap() {
        FramePixels shown = pane.frame();
        if (map == null || shown == null || image.get() == null) {
            pane.setHeatmap(null);
            return;
        }
        MapFootprint footprint = modelShown() ? MapFootprint.whole(shown.columns(), shown.rows()) : sourceFootprint();
        pane.setHeatmap(HeatmapLayer.prepare(map, mapHeight, mapWidth, shown.columns(), shown.rows(), footprint, heatmapStyle.get()));
    }

    private void refreshOutlines() {
        CaseImage im = image.get();
        if (im == null || truthMasks.isEmpty()) {
            pane.setOutlines(List.of());
            return;
        }
        List<MaskContours.Segment> segments = new ArrayList<>();
        for (float[] m : truthMasks) {
            segments.addAll(MaskContours.of(m, im.pixels().rows(), im.pixels().columns()));
        }
        if (modelShown()) {
            // Source coordinates → model-input coordinates (the input is the footprint, resampled).
            MapFootprint fp = sourceFootprint();
            int w = modelFrame.frame().columns();
            int h = modelFrame.frame().rows();
            segments.replaceAll(s -> new MaskContours.Segment(fp.toGridX(s.x1(), w), fp.toGridY(s.y1(), h), fp.toGridX(s.x2(), w),
                    fp.toGridY(s.y2(), h)));
        }
        pane.setOutlines(segments);
    }

    private void applyPreset(WindowPresets.Preset p) {
        if (p.window() != null) {
            pane.windowProperty().set(p.window());
        } else if (pane.frame() != null) {
            // "Automatic": the file's VOI (or the shown image's own range).
            GreyscalePipeline base = modelShown() ? modelFrame.pipeline() : automatic;
            GreyscalePipeline resolved = base.resolvedFor(pane.frame());
            pane.windowProperty().set(resolved.voi() instanceof Window w ? w : null);
        }
    }

    /** "Automatic (file VOI)" first, then the file's own windows, then the modality's presets. */
    static List<WindowPresets.Preset> presetsFor(CaseImage image) {
        List<WindowPresets.Preset> list = new ArrayList<>();
        list.add(new WindowPresets.Preset("Automatic", null));
        var choices = image.presentation().voiChoices();
        for (int i = 0; i < choices.size(); i++) {
            if (ImagePresentation.of(image.presentation(), i).voi() instanceof Window w) {
                list.add(new WindowPresets.Preset("File window " + (i + 1), w));
            }
        }
        list.addAll(WindowPresets.forModality(image.modality()));
        return list;
    }

    private void stepWorklist(int delta) {
        var rows = context.worklist().visibleRows();
        if (rows.isEmpty()) {
            return;
        }
        var current = context.currentCase().get();
        // By SOP UID: after a reload the current record may not be equal to its row in the list.
        int i = -1;
        for (int k = 0; current != null && k < rows.size(); k++) {
            if (rows.get(k).sopInstanceUid().equals(current.sopInstanceUid())) {
                i = k;
                break;
            }
        }
        int next = i < 0 ? 0 : Math.max(0, Math.min(rows.size() - 1, i + delta));
        if (next != i) {
            context.currentCase().set(rows.get(next));
        }
    }
}
