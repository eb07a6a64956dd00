package org.glassbox.app.ui.review;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseExplanations;
import org.glassbox.app.workflow.CaseImages;
import org.glassbox.app.workflow.ModelSession;
import org.glassbox.app.workflow.TruthMasks;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.model.PixelDescription;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.quality.QualityFigures;
import org.glassbox.explain.quality.RegionMask;

/**
 * State of the findings panel for the case under review and model A: per-label scores with
 * threshold decisions, the chosen target label and explanation method, the map, and its
 * faithfulness figures. Model work is queued as listed jobs ({@code context.jobs().submit}); a
 * model that cannot be loaded leaves a one-line {@link #statusProperty() status} and a notice, and
 * the panel stays usable (another model or case can be chosen). FX thread only.
 */
public final class FindingsViewModel {
    /** The decision threshold on a score when the model's manifest gives no operating point (model.json has none yet). */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Deletion/insertion curve steps: 20 keeps the follow-up job to ~40 model calls. */
    static final int CURVE_STEPS = 20;

    /**
     * One output of the model for the case.
     *
     * @param index     output index
     * @param label     output label
     * @param score     in [0, 1] for sigmoid/softmax models
     * @param threshold the decision threshold
     */
    public record LabelScore(int index, String label, double score, double threshold) {
        public boolean positive() {
            return score >= threshold;
        }

        public String decision() {
            return positive() ? "positive" : "negative";
        }
    }

    /** A finished explanation of the current case, with what it was computed on. */
    public record Shown(String sopInstanceUid, ModelSession session, CaseExplanations.ModelView view, Explanation explanation, boolean cached) {
    }

    private final WorkstationContext context;
    private final CaseImages images;
    private CaseExplanations explanations;

    private final ObjectProperty<WorklistRow> caseRow = new SimpleObjectProperty<>(this, "case");
    private final ObservableList<LabelScore> scores = FXCollections.observableArrayList();
    private final IntegerProperty target = new SimpleIntegerProperty(this, "target", -1);
    private final ObjectProperty<ExplanationMethod> method = new SimpleObjectProperty<>(this, "method", ExplanationMethod.GRADCAM);
    private final ReadOnlyObjectWrapper<ModelSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ReadOnlyObjectWrapper<CaseExplanations.ModelView> modelView = new ReadOnlyObjectWrapper<>(this, "modelView");
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyObjectWrapper<QualityFigures> faithfulness = new ReadOnlyObjectWrapper<>(this, "faithfulness");
    private final ReadOnlyStringWrapper faithfulnessText = new ReadOnlyStringWrapper(this, "faithfulnessText", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanProperty computeFaithfulness = new SimpleBooleanProperty(this, "computeFaithfulness", true);
    private Task<?> job;
    private long generation;

    public FindingsViewModel(WorkstationContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.images = new CaseImages(context.workspace());
    }

    // ---- state --------------------------------------------------------------------------------

    public ObjectProperty<WorklistRow> caseProperty() {
        return caseRow;
    }

    /** Model A's outputs for the case, in output order; empty until scored. */
    public ObservableList<LabelScore> scores() {
        return scores;
    }

    /** The output to explain (index into {@link #scores()}); -1 before scoring. */
    public IntegerProperty targetProperty() {
        return target;
    }

    public ObjectProperty<ExplanationMethod> methodProperty() {
        return method;
    }

    /** Whether a finished map is followed by the faithfulness job (on by default). */
    public BooleanProperty computeFaithfulnessProperty() {
        return computeFaithfulness;
    }

    public ReadOnlyObjectProperty<ModelSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** The model's input and outputs for the case (for "What the model saw"). */
    public ReadOnlyObjectProperty<CaseExplanations.ModelView> modelViewProperty() {
        return modelView.getReadOnlyProperty();
    }

    /** The map now shown (null: none). */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QualityFigures> faithfulnessProperty() {
        return faithfulness.getReadOnlyProperty();
    }

    /** The faithfulness figures as text lines (empty while none). */
    public ReadOnlyStringProperty faithfulnessTextProperty() {
        return faithfulnessText.getReadOnlyProperty();
    }

    /** One line on what the panel is doing or why it cannot (no model, model failed to load…). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while a job of this panel is queued or running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Finding labels for the viewer: "label 0.91" for each positive output, in output order. */
    public List<String> positiveFindingLabels() {
        List<String> lines = new ArrayList<>();
        for (LabelScore s : scores) {
            if (s.positive()) {
                lines.add(s.label() + " " + String.format(Locale.ROOT, "%.2f", s.score()));
            }
        }
        return lines;
    }

    /** A short description of each method for the chooser. */
    public static String describe(ExplanationMethod m) {
        return switch (m) {
            case GRADCAM -> "Grad-CAM: class activation map of the last conv block (fast, coarse)";
            case GRADCAM_PLUS_PLUS -> "Grad-CAM++: weights positive gradients; better for several instances (fast, coarse)";
            case HIRESCAM -> "HiResCAM: element-wise gradient × activation; faithful to the model's head (fast, coarse)";
            case INTEGRATED_GRADIENTS -> "Integrated Gradients: path integral from a baseline; pixel-level (slower)";
            case EXPECTED_GRADIENTS -> "Expected Gradients: IG averaged over baseline images (slower)";
            case KERNEL_SHAP -> "Kernel SHAP: Shapley values of superpixels by weighted regression (slow)";
            case PARTITION_SHAP -> "Partition SHAP: hierarchical Shapley values over image regions (slow)";
            case OCCLUSION -> "Occlusion: score drop when patches are masked (slow, model-agnostic)";
        };
    }

    // ---- actions ------------------------------------------------------------------------------

    /**
     * Follows a new case (or model A change): forgets the old scores and map, then scores the case
     * with model A in a listed job. Does nothing more when there is no case or no model A.
     */
    public void load(WorklistRow row) {
        supersede();
        long g = ++generation;
        caseRow.set(row);
        scores.clear();
        target.set(-1);
        modelView.set(null);
        shown.set(null);
        clearFaithfulness();
        RegisteredModel model = context.modelA().get();
        if (row == null) {
            status.set("");
            return;
        }
        if (model == null) {
            status.set("No model selected: register one (glassbox models add PKG) and choose it as model A.");
            return;
        }
        status.set("Scoring with " + model.id() + " " + model.version() + "…");
        busy.set(true);
        job = context.jobs().submit("Score " + shortUid(row.sopInstanceUid()) + " with " + model.id(), (progress, cancel) -> {
            progress.update(-1, context.sessions().isLoaded(model) ? "Scoring…" : "Loading the model…");
            ModelSession s;
            try {
                s = context.sessions().open(model);
            } catch (IOException e) {
                return new Scored(null, null, e.getMessage());
            }
            Path file = images.fileOf(row.sopInstanceUid());
            if (cancel.isCancelled()) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            return new Scored(s, explanations().look(s, file), null);
        }, scored -> {
            if (g != generation) {
                return;
            }
            jobEnded();
            if (scored.error() != null) {
                status.set(scored.error());
                context.notifier().warning("Findings", scored.error(), null);
                return;
            }
            session.set(scored.session());
            modelView.set(scored.view());
            List<LabelScore> list = new ArrayList<>();
            List<String> labels = scored.session().labels();
            for (int i = 0; i < labels.size(); i++) {
                list.add(new LabelScore(i, labels.get(i), scored.view().scores()[i], thresholdFor(scored.session(), i)));
            }
            scores.setAll(list);
            target.set(scored.view().topOutput());
            status.set("Scored by " + scored.session().displayName() + ".");
        });
        watch(job, g);
    }

    private record Scored(ModelSession session, CaseExplanations.ModelView view, String error) {
    }

    /**
     * The decision threshold for output {@code i}: the manifest has no operating points (model.json
     * schema 1), so {@link #DEFAULT_THRESHOLD}.
     */
    static double thresholdFor(ModelSession session, int i) {
        return DEFAULT_THRESHOLD;
    }

    /** Computes (or fetches from the cache) the map for the chosen method and target, then its faithfulness. */
    public void explain() {
        ModelSession s = session.get();
        CaseExplanations.ModelView view = modelView.get();
        WorklistRow row = caseRow.get();
        int t = target.get();
        ExplanationMethod m = method.get();
        if (s == null || view == null || row == null || t < 0 || m == null) {
            status.set("Nothing to explain yet: select a case and wait for its scores.");
            return;
        }
        supersede();
        long g = ++generation;
        shown.set(null);
        clearFaithfulness();
        String label = s.labels().get(t);
        status.set("Explaining " + label + " with " + m.cliName() + "…");
        busy.set(true);
        job = context.jobs().submit(m.cliName() + " · " + label + " · " + shortUid(row.sopInstanceUid()),
                (progress, cancel) -> explanations().explain(s, row.sopInstanceUid(), view, CaseExplanations.Request.of(m, t), cancel, progress),
                result -> {
                    if (g != generation) {
                        return;
                    }
                    jobEnded();
                    shown.set(new Shown(row.sopInstanceUid(), s, view, result.explanation(), result.cached()));
                    status.set(m.cliName() + " for " + label + (result.cached() ? " (from the cache)." : "."));
                    if (computeFaithfulness.get()) {
                        evaluate(g, row, s, view, result.explanation());
                    }
                });
        watch(job, g);
    }

    private void evaluate(long g, WorklistRow row, ModelSession s, CaseExplanations.ModelView view, Explanation e) {
        busy.set(true);
        faithfulnessText.set("Computing faithfulness…");
        String label = s.labels().get(e.target());
        job = context.jobs().submit("Faithfulness · " + label + " · " + shortUid(row.sopInstanceUid()), (progress, cancel) -> {
            RegionMask truth = truthMask(row, label, e, s.preprocessor().spec());
            return explanations().faithfulness(s, view, e, truth, CURVE_STEPS, cancel, progress);
        }, figures -> {
            if (g != generation) {
                return;
            }
            jobEnded();
            faithfulnessText.set(format(figures));
            faithfulness.set(figures);
        });
        watch(job, g);
    }

    /** The generated cohort's mask for the label on the map's grid, or null (no mask, or a mask that does not fit: then only the curves). */
    private RegionMask truthMask(WorklistRow row, String label, Explanation e, ModelInputSpec spec) throws IOException {
        Path file = images.fileOf(row.sopInstanceUid());
        Optional<Path> mask = TruthMasks.findGenerated(file, row.sopInstanceUid(), label);
        if (mask.isEmpty()) {
            return null;
        }
        PixelDescription d;
        try {
            d = Dicom.reader().openHeader(file).pixelDescription();
        } catch (org.glassbox.core.dicom.DicomReadException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
        try {
            return TruthMasks.onMapGrid(mask.get(), e.imageMap().height(), e.imageMap().width(), d.rows(), d.columns(), spec);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** The figures as short lines: always the curves; the mask metrics when a truth mask was found. */
    static String format(QualityFigures f) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Deletion AUC %.3f (lower is better)%n", f.deletion().auc()));
        b.append(String.format(Locale.ROOT, "Insertion AUC %.3f (higher is better)", f.insertion().auc()));
        if (!f.iouAtTopPercent().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nPointing game %s", f.pointing() >= 1 ? "hit" : "miss"));
            b.append(Double.isNaN(f.energyPointing()) ? "\nEnergy pointing n/a" : String.format(Locale.ROOT, "%nEnergy pointing %.3f", f.energyPointing()));
            Double iou10 = f.iouAtTopPercent().get(10.0);
            if (iou10 != null) {
                b.append(String.format(Locale.ROOT, "%nIoU@10%% %.3f", iou10));
            }
        } else {
            b.append("\n(no ground-truth mask: pointing and IoU not computed)");
        }
        return b.toString();
    }

    /** Drops the running job because newer work replaces it (no "Cancelled." notice). */
    private void supersede() {
        if (job != null && !job.isDone()) {
            context.jobs().supersede(job);
        }
    }

    /** Cancels this panel's running job, if any. */
    public void cancel() {
        if (job != null && !job.isDone()) {
            job.cancel();
            status.set("Cancelled.");
            if (faithfulnessText.get().startsWith("Computing")) {
                faithfulnessText.set("");
            }
        }
        jobEnded();
    }

    private void clearFaithfulness() {
        faithfulness.set(null);
        faithfulnessText.set("");
    }

    private void jobEnded() {
        job = null;
        busy.set(false);
    }

    /** A failed or cancelled job (the notifier already has the notice) ends the busy state. */
    private void watch(Task<?> task, long g) {
        Runnable ended = () -> {
            if (g == generation && task == job) {
                jobEnded();
                status.set(task.isCancelled() ? "Cancelled." : "Failed: " + org.glassbox.app.ui.Notifier.oneLine(task.getException()));
            }
        };
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_FAILED, e -> ended.run());
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_CANCELLED, e -> ended.run());
    }

    private CaseExplanations explanations() throws IOException {
        synchronized (this) {
            if (explanations == null) {
                explanations = new CaseExplanations(context.workspace());
            }
            return explanations;
        }
    }

    private static String shortUid(String uid) {
        return uid.length() <= 12 ? uid : "…" + uid.substring(uid.length() - 10);
    }
}
