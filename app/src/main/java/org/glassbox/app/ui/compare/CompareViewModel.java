package org.glassbox.app.ui.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.ui.Notifier;
import org.glassbox.app.ui.ViewId;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseComparison;
import org.glassbox.app.workflow.CohortComparisonRun;
import org.glassbox.app.workflow.WorklistQuery;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.compare.DecisionFlip;
import org.glassbox.explain.compare.LabelComparison;
import org.glassbox.explain.compare.ModelComparison;
import org.glassbox.explain.compare.PairedAuc;
import org.glassbox.explain.compare.SubgroupComparison;
import org.glassbox.explain.fairness.ThresholdRule;

/**
 * The compare view's state: models A and B (the context's, so every view agrees), the current case
 * side by side — both models' scores and decisions, both explanation maps for one method and target
 * label, and their difference — and the cohort comparison (the {@code compare} command's table and
 * flipped cases). Model and catalog work runs as listed jobs; results land here on the FX thread.
 * The case is (re)computed only while the compare view is showing, so browsing the worklist costs
 * no model time. FX thread only.
 */
public final class CompareViewModel {
    /** Decision threshold for a label the cohort comparison has not chosen one for. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /**
     * One label of the cohort comparison, as {@code glassbox compare} prints its "all" row.
     *
     * @param flipsUp   cases B decides positive and A negative
     * @param flipsDown cases A decides positive and B negative
     */
    public record CohortRow(String label, int n, double aucA, double aucB, double difference, double ciLower, double ciUpper,
                            double deLongP, double mcNemarP, double kappa, int flipsUp, int flipsDown, double thresholdA,
                            double thresholdB) {
    }

    /**
     * A case whose decision differs between the models.
     *
     * @param patientPseudonym "" when the case is not in the worklist
     * @param change           scoreB − scoreA
     * @param truth            "1", "0" or "?" (unknown)
     */
    public record FlipRow(String patientPseudonym, String sopInstanceUid, String label, double scoreA, double scoreB,
                          double change, String truth) {
    }

    /**
     * One label's scores and decisions for the case shown.
     *
     * @param scoreA NaN when A has no such output (likewise B)
     * @param target true for the label both maps explain
     */
    public record ScoreRow(String label, double scoreA, double scoreB, double thresholdA, double thresholdB, boolean target) {
        public boolean positiveA() {
            return scoreA >= thresholdA;
        }

        public boolean positiveB() {
            return scoreB >= thresholdB;
        }

        /** Both models score the label and decide differently. */
        public boolean flipped() {
            return !Double.isNaN(scoreA) && !Double.isNaN(scoreB) && positiveA() != positiveB();
        }
    }

    /** The case side by side: the workflow's result and the difference of its maps. */
    public record CaseView(CaseComparison.Result result, DifferenceMap difference) {
    }

    /**
     * What the cohort job hands back: the comparison and every worklist row by SOP (for pseudonyms),
     * or why there is none (e.g. a model without scores in the workspace).
     */
    record CohortResult(CohortComparisonRun.Outcome outcome, Map<String, WorklistRow> rows, String problem) {
    }

    private final WorkstationContext context;
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private final StringProperty cohortLabel = new SimpleStringProperty(this, "cohortLabel");
    private final StringProperty threshold = new SimpleStringProperty(this, "threshold", "youden");
    private final ObservableList<CohortRow> cohortRows = FXCollections.observableArrayList();
    private final ObservableList<FlipRow> flips = FXCollections.observableArrayList();
    private final StringProperty cohortStatus = new SimpleStringProperty(this, "cohortStatus",
            "Choose models A and B and press Compare cohort (needs both models' scores in the workspace).");
    private final ObjectProperty<ExplanationMethod> method = new SimpleObjectProperty<>(this, "method", ExplanationMethod.GRADCAM);
    private final StringProperty target = new SimpleStringProperty(this, "target");
    private final ObservableList<ScoreRow> scores = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CaseView> caseView = new ReadOnlyObjectWrapper<>(this, "caseView");
    private final StringProperty caseStatus = new SimpleStringProperty(this, "caseStatus", "No case selected.");
    private final Map<String, double[]> thresholds = new HashMap<>();
    private Map<String, WorklistRow> rowsBySop = Map.of();
    /** The (A, B) package hashes the cohort table, flips and thresholds belong to; null when none is shown. */
    private List<String> cohortPair;
    private Task<?> caseTask;
    private boolean caseStale = true;

    public CompareViewModel(WorkstationContext context) {
        this.context = Objects.requireNonNull(context, "context");
        context.modelA().addListener((o, a, b) -> modelsChanged());
        context.modelB().addListener((o, a, b) -> modelsChanged());
        context.models().addListener((javafx.collections.ListChangeListener<RegisteredModel>) c -> defaultModels());
        context.currentCase().addListener((o, a, b) -> caseChanged());
        context.activeView().addListener((o, a, view) -> {
            if (view == ViewId.COMPARE && caseStale) {
                refreshCase();
            }
        });
        method.addListener((o, a, b) -> caseChanged());
        target.addListener((o, a, b) -> caseChanged());
        defaultModels();
        modelsChanged();
    }

    WorkstationContext context() {
        return context;
    }

    // ---- selection -------------------------------------------------------------------------

    public ObjectProperty<RegisteredModel> modelA() {
        return context.modelA();
    }

    public ObjectProperty<RegisteredModel> modelB() {
        return context.modelB();
    }

    public ObservableList<RegisteredModel> models() {
        return context.models();
    }

    /** Labels of A and B (A's order, then B's others). */
    public ObservableList<String> labels() {
        return labels;
    }

    /** The method both maps use (default Grad-CAM). */
    public ObjectProperty<ExplanationMethod> method() {
        return method;
    }

    /** The label both maps explain; null: the label whose scores differ most on the case. */
    public StringProperty target() {
        return target;
    }

    // ---- the case side by side --------------------------------------------------------------

    public ObservableList<ScoreRow> scores() {
        return scores;
    }

    public ReadOnlyObjectProperty<CaseView> caseView() {
        return caseView.getReadOnlyProperty();
    }

    public StringProperty caseStatus() {
        return caseStatus;
    }

    /** Recomputes the current case side by side (a listed job); superseded jobs are cancelled. */
    public void refreshCase() {
        WorklistRow row = context.currentCase().get();
        RegisteredModel a = context.modelA().get();
        RegisteredModel b = context.modelB().get();
        if (caseTask != null) {
            context.jobs().supersede(caseTask); // a newer case replaces it: no "Cancelled." notice
            caseTask = null;
        }
        if (row == null || a == null || b == null) {
            caseView.set(null);
            scores.clear();
            caseStatus.set(row == null ? "No case selected: pick one in the worklist or open a flipped case below."
                    : "Choose model A and model B.");
            caseStale = false;
            return;
        }
        if (a.sha256().equals(b.sha256())) {
            caseView.set(null);
            scores.clear();
            caseStatus.set("Model A and model B are the same package; choose two different models.");
            caseStale = false;
            return;
        }
        CaseComparison.Request request = new CaseComparison.Request(a, b, method.get(), target.get());
        Path root = context.workspace();
        caseStale = false;
        caseStatus.set("Computing " + request.method().cliName() + " for " + row.patientPseudonym() + "…");
        Task<?>[] self = new Task<?>[1];
        self[0] = context.jobs().submit("Compare " + a.id() + " " + a.version() + " | " + b.id() + " " + b.version() + " on " + row.patientPseudonym(),
                (progress, cancel) -> {
                    CaseComparison.Result r = new CaseComparison(root).run(context.sessions(), row.sopInstanceUid(), request, cancel, progress);
                    return new CaseView(r, DifferenceMap.of(r.mapA().imageMap(), r.footprintA(), r.mapB().imageMap(), r.footprintB()));
                },
                view -> {
                    if (caseTask == self[0]) {
                        caseTask = null;
                        showCase(view);
                    }
                });
        caseTask = self[0];
        // Jobs posts the failure as a notice; the status line says it too, where the panes are.
        caseTask.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            if (caseTask == self[0]) {
                caseTask = null;
                caseStatus.set("Could not compare this case: " + Notifier.oneLine(self[0].getException()));
            }
        });
    }

    /** Shows a computed case: scores with decisions (at the cohort's thresholds where known), maps, difference. */
    void showCase(CaseView view) {
        List<ScoreRow> rows = new ArrayList<>();
        for (CaseComparison.LabelScores s : view.result().scores()) {
            double[] t = thresholds.getOrDefault(s.label(), new double[] {DEFAULT_THRESHOLD, DEFAULT_THRESHOLD});
            rows.add(new ScoreRow(s.label(), s.a(), s.b(), t[0], t[1], s.label().equals(view.result().target())));
        }
        scores.setAll(rows);
        caseView.set(view);
        caseStatus.set(String.format(java.util.Locale.ROOT, "%s on '%s' · A−B of maps each divided by its max |value|; full colour = ±%.2f%s",
                view.result().mapA().method().cliName(), view.result().target(), view.difference().maxAbs(),
                thresholds.isEmpty() ? " · decisions at 0.5 (run Compare cohort for the cohort's thresholds)" : " · decisions at the cohort thresholds"));
    }

    // ---- the cohort -------------------------------------------------------------------------

    /** The cohort label; null or empty: every label both models score. */
    public StringProperty cohortLabel() {
        return cohortLabel;
    }

    /** A number in [0, 1], "youden" or "sens:S" (as {@code --threshold}). */
    public StringProperty threshold() {
        return threshold;
    }

    public ObservableList<CohortRow> cohortRows() {
        return cohortRows;
    }

    /** Flipped cases of every compared label, by |score change| descending. */
    public ObservableList<FlipRow> flips() {
        return flips;
    }

    public StringProperty cohortStatus() {
        return cohortStatus;
    }

    /** Starts the "Compare cohort" job; problems (no scores, bad threshold) end up in {@link #cohortStatus()}. */
    public void compareCohort() {
        RegisteredModel a = context.modelA().get();
        RegisteredModel b = context.modelB().get();
        if (a == null || b == null) {
            cohortStatus.set("Choose model A and model B first.");
            return;
        }
        ThresholdRule rule;
        try {
            rule = ThresholdRule.parse(threshold.get() == null ? "youden" : threshold.get().strip());
        } catch (IllegalArgumentException e) {
            cohortStatus.set("Threshold: " + e.getMessage());
            return;
        }
        String label = cohortLabel.get() == null || cohortLabel.get().isBlank() ? null : cohortLabel.get();
        Path root = context.workspace();
        cohortStatus.set("Comparing " + CohortComparisonRun.nameOf(a) + " with " + CohortComparisonRun.nameOf(b) + "…");
        context.jobs().submit("Compare cohort " + CohortComparisonRun.nameOf(a) + " vs " + CohortComparisonRun.nameOf(b), (progress, cancel) -> {
            progress.update(-1, "Reading both models' scores…");
            try {
                CohortComparisonRun.Outcome outcome = new CohortComparisonRun().compareRegistered(root, a, b, label, rule);
                Map<String, WorklistRow> rows = new HashMap<>();
                try (Catalog catalog = Catalog.open(root.resolve("catalog.sqlite"))) {
                    WorklistQuery.load(catalog).forEach(r -> rows.put(r.sopInstanceUid(), r));
                }
                return new CohortResult(outcome, rows, null);
            } catch (CohortInputException | IllegalArgumentException e) {
                return new CohortResult(null, Map.of(), e.getMessage());
            }
        }, result -> cohortFinished(a, b, result));
    }

    /**
     * Shows a finished cohort job's result, unless A or B changed while it ran: its table, flips and
     * thresholds belong to the pair it started with, so then it is dropped.
     */
    void cohortFinished(RegisteredModel a, RegisteredModel b, CohortResult result) {
        if (!pairOf(a, b).equals(currentPair())) {
            cohortStatus.set("Models changed while comparing " + CohortComparisonRun.nameOf(a) + " with " + CohortComparisonRun.nameOf(b)
                    + "; press Compare cohort again.");
            return;
        }
        if (result.outcome() == null) {
            clearCohort();
            cohortStatus.set("Cannot compare: " + org.glassbox.app.ui.Hints.withScoringHint(result.problem()));
            return;
        }
        showComparison(result.outcome().comparison(), result.rows());
    }

    /** Fills the cohort table and the flipped list from a comparison; {@code rows} gives pseudonyms. */
    void showComparison(ModelComparison c, Map<String, WorklistRow> rows) {
        cohortPair = currentPair();
        rowsBySop = Map.copyOf(rows);
        thresholds.clear();
        List<CohortRow> table = new ArrayList<>();
        List<FlipRow> flipped = new ArrayList<>();
        for (LabelComparison l : c.labels()) {
            thresholds.put(l.label(), new double[] {l.thresholdA(), l.thresholdB()});
            SubgroupComparison all = l.overall();
            PairedAuc auc = all.auc();
            int up = (int) l.flips().stream().filter(f -> f.decisionB() && !f.decisionA()).count();
            table.add(new CohortRow(l.label(), auc.n(), auc.aucA(), auc.aucB(), auc.difference(), auc.ciLower(), auc.ciUpper(),
                    auc.pValue(), all.mcNemar().pValue(), all.kappa(), up, l.flips().size() - up, l.thresholdA(), l.thresholdB()));
            for (DecisionFlip f : l.flips()) {
                WorklistRow r = rows.get(f.caseId());
                flipped.add(new FlipRow(r == null ? "" : r.patientPseudonym(), f.caseId(), l.label(), f.scoreA(), f.scoreB(), f.scoreChange(),
                        f.truth() < 0 ? "?" : Byte.toString(f.truth())));
            }
        }
        flipped.sort(Comparator.comparingDouble((FlipRow f) -> -Math.abs(f.change())).thenComparing(FlipRow::sopInstanceUid));
        cohortRows.setAll(table);
        flips.setAll(flipped);
        cohortStatus.set(String.format(java.util.Locale.ROOT, "%d paired cases (only A: %d, only B: %d) · threshold %s · %d flipped decisions",
                c.paired(), c.onlyInA(), c.onlyInB(), c.settings().threshold().describe(), flipped.size()));
        if (!scores.isEmpty() && caseView.get() != null) {
            showCase(caseView.get()); // decisions now at the cohort's thresholds
        }
    }

    /**
     * Opens a flipped case side by side: it becomes the current case (the worklist's own row when
     * listed) and both maps explain the flipped label. The view stays on the compare tab.
     *
     * @return false when the case is in neither the worklist nor the catalog rows read with the comparison
     */
    public boolean open(FlipRow flip) {
        WorklistRow row = context.worklist().visibleRows().stream().filter(r -> r.sopInstanceUid().equals(flip.sopInstanceUid())).findFirst()
                .orElse(rowsBySop.get(flip.sopInstanceUid()));
        if (row == null) {
            cohortStatus.set("Case " + flip.sopInstanceUid() + " is no longer in the workspace.");
            return false;
        }
        caseStale = true;
        target.set(flip.label());
        context.currentCase().set(row);
        if (caseStale && context.activeView().get() == ViewId.COMPARE) {
            refreshCase();
        }
        return true;
    }

    // ---- reactions --------------------------------------------------------------------------

    private void caseChanged() {
        caseStale = true;
        if (context.activeView().get() == ViewId.COMPARE) {
            refreshCase();
        }
    }

    private void modelsChanged() {
        if (cohortPair != null && !cohortPair.equals(currentPair())) {
            clearCohort();
        }
        // The shown case belongs to the previous pair (and would linger when A now equals B).
        if (caseTask != null) {
            caseTask.cancel();
            caseTask = null;
        }
        caseView.set(null);
        scores.clear();
        LinkedHashSet<String> all = new LinkedHashSet<>(labelsOf(context.modelA().get()));
        all.addAll(labelsOf(context.modelB().get()));
        labels.setAll(all);
        if (target.get() != null && !all.contains(target.get())) {
            target.set(null);
        }
        if (cohortLabel.get() != null && !cohortLabel.get().isEmpty() && !all.contains(cohortLabel.get())) {
            cohortLabel.set(null);
        }
        caseChanged();
    }

    /** Drops the cohort table, flips, thresholds and rows of a pair no longer chosen. */
    private void clearCohort() {
        cohortPair = null;
        thresholds.clear();
        rowsBySop = Map.of();
        cohortRows.clear();
        flips.clear();
        cohortStatus.set("Models changed: press Compare cohort for " + describe(context.modelA().get()) + " vs "
                + describe(context.modelB().get()) + ".");
    }

    private static String describe(RegisteredModel m) {
        return m == null ? "(none)" : CohortComparisonRun.nameOf(m);
    }

    /** The chosen (A, B) package hashes; a missing model is "". */
    private List<String> currentPair() {
        return pairOf(context.modelA().get(), context.modelB().get());
    }

    private static List<String> pairOf(RegisteredModel a, RegisteredModel b) {
        return List.of(a == null ? "" : a.sha256(), b == null ? "" : b.sha256());
    }

    /** A and B default to the first two registered models when nobody has chosen yet. */
    private void defaultModels() {
        List<RegisteredModel> m = context.models();
        if (context.modelA().get() == null && !m.isEmpty()) {
            context.modelA().set(m.get(0));
        }
        if (context.modelB().get() == null && m.size() > 1) {
            context.modelB().set(m.stream().filter(x -> !x.equals(context.modelA().get())).findFirst().orElse(null));
        }
    }

    /** Output labels from the registered model.json; empty when absent or unreadable. */
    static List<String> labelsOf(RegisteredModel m) {
        if (m == null) {
            return List.of();
        }
        try {
            JsonNode labels = new ObjectMapper().readTree(m.manifestJson()).get("labels");
            List<String> out = new ArrayList<>();
            if (labels != null) {
                labels.forEach(n -> out.add(n.asText()));
            }
            return out;
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
