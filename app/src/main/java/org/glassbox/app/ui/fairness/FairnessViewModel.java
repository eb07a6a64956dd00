package org.glassbox.app.ui.fairness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import org.glassbox.app.fairness.CohortInputException;
import org.glassbox.app.fairness.LoadedCohort;
import org.glassbox.app.ui.Jobs;
import org.glassbox.app.ui.WorkstationContext;
import org.glassbox.app.workflow.CaseSet;
import org.glassbox.app.workflow.FairnessRun;
import org.glassbox.core.catalog.RegisteredModel;
import org.glassbox.explain.fairness.Disparity;
import org.glassbox.explain.fairness.FairnessSettings;
import org.glassbox.explain.fairness.Grouping;
import org.glassbox.explain.fairness.GroupingResult;
import org.glassbox.explain.fairness.LabelAudit;
import org.glassbox.explain.fairness.Metric;
import org.glassbox.explain.fairness.SubgroupResult;
import org.glassbox.explain.fairness.ThresholdRule;

/**
 * The fairness dashboard's state: the chosen model, label, groupings, threshold rule and bootstrap
 * resamples; the model's cohort (loaded from the catalog when the model or the catalog changes);
 * the last audit as table rows and chart data; and which cases lie behind each cell. Talks to the
 * workflow layer ({@link FairnessRun}) through a {@link Background} runner, so it is tested headless
 * with a synchronous one. FX thread only.
 */
public final class FairnessViewModel {
    /** Default groupings: the attributes every catalogued image has. */
    public static final String DEFAULT_GROUPINGS = "sex, age_band, site";
    /** Threshold rules offered (the CLI's {@code --threshold} forms; others may be typed). */
    public static final List<String> THRESHOLD_CHOICES = List.of("youden", "0.5", "sens:0.9");
    /** Default bootstrap resamples: enough for stable 95 % intervals on a demo cohort in seconds. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** Runs work off the FX thread; {@code onSuccess} and then (always) {@code onEnd} on the FX thread. */
    public interface Background {
        <T> void run(String title, boolean listed, Jobs.Work<T> work, Consumer<T> onSuccess, Runnable onEnd);

        /** Listed work through {@link Jobs#submit} (TaskProgressView, cancel), unlisted through {@link Jobs#quick}. */
        static Background of(Jobs jobs) {
            return new Background() {
                @Override
                public <T> void run(String title, boolean listed, Jobs.Work<T> work, Consumer<T> onSuccess, Runnable onEnd) {
                    javafx.concurrent.Task<T> task = listed ? jobs.submit(title, work, onSuccess) : jobs.quick(title, work, onSuccess);
                    task.stateProperty().addListener((obs, old, state) -> {
                        if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                            onEnd.run();
                        }
                    });
                }
            };
        }
    }

    /** Shows cases in the worklist: {@link WorkstationContext#showCases}. */
    @FunctionalInterface
    public interface CaseNavigator {
        void showCases(String why, Collection<String> sopInstanceUids);
    }

    /** What a click on a cell shows: the banner text and the cases. */
    public record CaseSelection(String why, List<String> sopInstanceUids) {
        public CaseSelection {
            sopInstanceUids = List.copyOf(sopInstanceUids);
        }
    }

    /** A loaded cohort, or the one line saying why there is none. */
    private record Loaded(LoadedCohort cohort, String problem) {
    }

    /** A finished audit, or the one line saying why it could not run. */
    private record Ran(FairnessRun.Outcome outcome, String problem) {
    }

    private final FairnessRun run;
    private final Background background;
    private final CaseNavigator navigator;

    private final ObservableList<RegisteredModel> models;
    private final ObjectProperty<RegisteredModel> model = new SimpleObjectProperty<>(this, "model");
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private final StringProperty label = new SimpleStringProperty(this, "label");
    private final ObservableList<String> attributes = FXCollections.observableArrayList();
    private final StringProperty groupings = new SimpleStringProperty(this, "groupings", DEFAULT_GROUPINGS);
    private final StringProperty threshold = new SimpleStringProperty(this, "threshold", "youden");
    private final IntegerProperty resamples = new SimpleIntegerProperty(this, "resamples", DEFAULT_RESAMPLES);

    private final ReadOnlyObjectWrapper<LoadedCohort> cohort = new ReadOnlyObjectWrapper<>(this, "cohort");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun");
    private final ReadOnlyObjectWrapper<FairnessRun.Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");

    private final ObservableList<SubgroupRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> chartGroupings = FXCollections.observableArrayList();
    private final StringProperty chartGrouping = new SimpleStringProperty(this, "chartGrouping");
    private final ObjectProperty<Metric> forestMetric = new SimpleObjectProperty<>(this, "forestMetric", Metric.AUC);
    private final ObservableList<SubgroupRow> chartRows = FXCollections.observableArrayList();

    /** Bumped by every cohort load: a load's result is used only when no later load started. */
    private long loadGeneration;
    /** Bumped when the model changes: an audit's result is shown only for the model it audited. */
    private long modelGeneration;

    /**
     * @param models    registered models (the context's list; {@code preferred}, else the first, is chosen);
     *                  failures of background work are the runner's to report (the workstation's notices)
     * @param preferred the model to choose when it is registered (model A); may hold null
     */
    public FairnessViewModel(ObservableList<RegisteredModel> models, ObservableValue<RegisteredModel> preferred, FairnessRun run, Background background,
                             CaseNavigator navigator) {
        this.models = Objects.requireNonNull(models, "models");
        this.run = Objects.requireNonNull(run, "run");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        model.addListener((obs, old, m) -> reload());
        models.addListener((ListChangeListener<RegisteredModel>) c -> {
            if (model.get() == null || !models.contains(model.get())) {
                model.set(choose(models, preferred.getValue()));
            }
        });
        chartGrouping.addListener((obs, old, g) -> updateChartRows());
        forestMetric.addListener((obs, old, m) -> updateChartRows());
        busy.addListener((obs, old, b) -> updateCanRun());
        cohort.addListener((obs, old, c) -> updateCanRun());
        model.set(choose(models, preferred.getValue()));
        if (models.isEmpty()) {
            message.set("No models registered in this workspace: add one with ./glassbox models add PKG.");
        }
    }

    /** The dashboard of the workstation: its models, jobs, notices and worklist. */
    public static FairnessViewModel of(WorkstationContext context) {
        return new FairnessViewModel(context.models(), context.modelA(), new FairnessRun(context.workspace()),
                Background.of(context.jobs()), context::showCases);
    }

    // --- controls -------------------------------------------------------------------------------

    public ObservableList<RegisteredModel> models() {
        return models;
    }

    public ObjectProperty<RegisteredModel> modelProperty() {
        return model;
    }

    /** Labels of the chosen model that have scores and truth in the workspace. */
    public ObservableList<String> labels() {
        return labels;
    }

    public StringProperty labelProperty() {
        return label;
    }

    /** Attributes of the loaded cohort that groupings may name. */
    public ObservableList<String> attributes() {
        return attributes;
    }

    /** Comma-separated groupings, intersections with '*' ("sex, age_band, sex*age_band"). */
    public StringProperty groupingsProperty() {
        return groupings;
    }

    /** "youden", a number in [0, 1], or "sens:S". */
    public StringProperty thresholdProperty() {
        return threshold;
    }

    public IntegerProperty resamplesProperty() {
        return resamples;
    }

    // --- state ----------------------------------------------------------------------------------

    /** The chosen model's cohort; null while loading or when it has none (then {@link #messageProperty} says why). */
    public ReadOnlyObjectProperty<LoadedCohort> cohortProperty() {
        return cohort.getReadOnlyProperty();
    }

    /** One line about the state: what is loaded, why nothing can run, what went wrong. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when a cohort is loaded and nothing is running. */
    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    /** The last audit; null before the first (and after the model changes). */
    public ReadOnlyObjectProperty<FairnessRun.Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Table rows of the last audit: the whole cohort, then every subgroup of every grouping. */
    public ObservableList<SubgroupRow> rows() {
        return rows;
    }

    /** Groupings of the last audit, for the charts' choice. */
    public ObservableList<String> chartGroupings() {
        return chartGroupings;
    }

    public StringProperty chartGroupingProperty() {
        return chartGrouping;
    }

    public ObjectProperty<Metric> forestMetricProperty() {
        return forestMetric;
    }

    /** Rows of the charts' grouping (the whole cohort first): forest plot, ROC and reliability curves. */
    public ObservableList<SubgroupRow> chartRows() {
        return chartRows;
    }

    // --- actions --------------------------------------------------------------------------------

    /** Loads the chosen model's cohort from the catalog, clearing the last audit (it was another model's). */
    public void reload() {
        modelGeneration++;
        load(true);
    }

    /**
     * Reloads the cohort after the catalog changed (new scores, an import, a flag) and keeps the last
     * audit on show: a flag set elsewhere must not wipe the table. When the cohort now differs in size
     * from the audited one, the message says to run again.
     */
    public void catalogChanged() {
        load(false);
    }

    private void load(boolean clear) {
        long generation = ++loadGeneration;
        RegisteredModel m = model.get();
        if (clear) {
            cohort.set(null);
            clearResult();
        }
        if (m == null) {
            cohort.set(null);
            clearResult();
            labels.clear();
            attributes.clear();
            message.set(models.isEmpty() ? "No models registered in this workspace: add one with ./glassbox models add PKG." : "Choose a model.");
            return;
        }
        if (clear || outcome.get() == null) {
            message.set("Loading the scores of " + m.id() + " " + m.version() + "…");
        }
        background.run("Fairness: load " + m.id() + " " + m.version(), false, (progress, cancel) -> {
            try {
                return new Loaded(run.load(m), null);
            } catch (CohortInputException e) {
                return new Loaded(null, e.getMessage());
            }
        }, loaded -> {
            if (generation != loadGeneration) {
                return; // a later load (another model, a newer catalog) supersedes this one
            }
            if (loaded.problem() != null) {
                cohort.set(null);
                clearResult();
                labels.clear();
                attributes.clear();
                message.set(org.glassbox.app.ui.Hints.withScoringHint(loaded.problem()));
                return;
            }
            LoadedCohort c = loaded.cohort();
            String keep = label.get();
            labels.setAll(c.cohort().labels());
            label.set(labels.contains(keep) ? keep : labels.isEmpty() ? null : labels.get(0));
            attributes.setAll(c.cohort().attributeNames());
            cohort.set(c);
            FairnessRun.Outcome shown = outcome.get();
            if (shown == null) {
                message.set(c.cohort().size() + " scored cases with truth for " + m.id() + " " + m.version()
                        + ". Choose the groupings and run the audit.");
            } else if (shown.cohort().cohort().size() != c.cohort().size()) {
                message.set("The workspace changed since this audit (" + shown.cohort().cohort().size() + " cases, now " + c.cohort().size()
                        + "): run it again.");
            }
        }, () -> {
        });
    }

    /**
     * The settings the controls describe.
     *
     * @throws IllegalArgumentException one line naming the control and the problem
     */
    public FairnessSettings settings() {
        if (label.get() == null) {
            throw new IllegalArgumentException("choose a label");
        }
        List<Grouping> list = new ArrayList<>();
        String text = groupings.get() == null ? "" : groupings.get();
        for (String spec : text.split(",")) {
            if (spec.isBlank()) {
                continue;
            }
            Grouping g;
            try {
                g = Grouping.parse(spec.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("groupings: " + e.getMessage());
            }
            if (!list.contains(g)) {
                list.add(g);
            }
        }
        ThresholdRule rule;
        try {
            rule = ThresholdRule.parse(threshold.get() == null ? "" : threshold.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("threshold rule: " + e.getMessage());
        }
        if (resamples.get() < 0) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 0, not " + resamples.get());
        }
        return FairnessSettings.defaults(list).withLabels(List.of(label.get())).withThreshold(rule)
                .withBootstrap(resamples.get(), FairnessSettings.DEFAULT_SEED);
    }

    /**
     * Appends a grouping to the groupings text unless it is there already ("site", or an
     * intersection "sex*site").
     */
    public void addGrouping(String spec) {
        Grouping g = Grouping.parse(spec);
        String text = groupings.get() == null ? "" : groupings.get().strip();
        for (String existing : text.split(",")) {
            try {
                if (!existing.isBlank() && Grouping.parse(existing.strip()).equals(g)) {
                    return;
                }
            } catch (IllegalArgumentException e) {
                // a half-typed entry: leave it for the user, append the new one
            }
        }
        String written = String.join("*", g.attributes());
        groupings.set(text.isEmpty() ? written : text + ", " + written);
    }

    /** Runs the audit as a listed, cancellable job; a bad control value is reported in {@link #messageProperty}. */
    public void runAudit() {
        LoadedCohort c = cohort.get();
        RegisteredModel m = model.get();
        if (c == null || m == null || busy.get()) {
            return;
        }
        FairnessSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            message.set("Cannot run: " + e.getMessage());
            return;
        }
        busy.set(true);
        long generation = modelGeneration;
        message.set("Auditing " + settings.labels().get(0) + " by " + groupingNames(settings) + "…");
        background.run("Fairness audit: " + m.id() + " " + m.version() + ", " + settings.labels().get(0), true, (progress, cancel) -> {
            try {
                return new Ran(run.audit(m, c, settings, cancel, progress), null);
            } catch (CohortInputException e) {
                return new Ran(null, e.getMessage());
            }
        }, ran -> {
            if (generation != modelGeneration) {
                return;
            }
            if (ran.problem() != null) {
                message.set("Cannot run: " + ran.problem());
                return;
            }
            show(ran.outcome());
        }, () -> busy.set(false));
    }

    /** The cases behind a cell: {@code set} of the row's subgroup for the audited label at its threshold. */
    public CaseSelection cases(SubgroupRow row, CaseSet set) {
        FairnessRun.Outcome o = outcome.get();
        if (o == null) {
            throw new IllegalStateException("no audit yet");
        }
        LabelAudit l = o.audit().labels().get(0);
        List<String> uids = o.cases().select(l.label(), l.threshold(), row.grouping(), row.subgroup(), set);
        return new CaseSelection(l.label() + " · " + row.describe() + " · " + set.words() + " (" + uids.size() + ")", uids);
    }

    /** Restricts the worklist to the cases behind a cell and switches to the review view; says so when there are none. */
    public void showCases(SubgroupRow row, CaseSet set) {
        CaseSelection s = cases(row, set);
        if (s.sopInstanceUids().isEmpty()) {
            message.set("No cases: " + s.why());
            return;
        }
        navigator.showCases(s.why(), s.sopInstanceUids());
    }

    /** Writes the last audit's HTML report to {@code file} in the background (atomic; audited as EXPORT). */
    public void exportHtml(Path file) {
        FairnessRun.Outcome o = outcome.get();
        if (o == null) {
            return;
        }
        background.run("Export fairness report", true, (progress, cancel) -> run.exportHtml(o, file),
                sha -> message.set("Report written: " + file.getFileName()), () -> {
                });
    }

    // --- internals ------------------------------------------------------------------------------

    private void show(FairnessRun.Outcome o) {
        LabelAudit l = o.audit().labels().get(0);
        List<SubgroupRow> all = new ArrayList<>();
        all.add(new SubgroupRow(null, l.overall(), false, Map.of()));
        for (GroupingResult g : l.groupings()) {
            for (SubgroupResult s : g.subgroups()) {
                Map<Metric, Disparity> d = new EnumMap<>(Metric.class);
                g.disparities().stream().filter(x -> x.subgroup().equals(s.name())).forEach(x -> d.put(x.metric(), x));
                all.add(new SubgroupRow(g.grouping(), s, s.name().equals(g.reference()), d));
            }
        }
        outcome.set(o);
        rows.setAll(all);
        String keep = chartGrouping.get();
        chartGroupings.setAll(l.groupings().stream().map(g -> g.grouping().name()).toList());
        chartGrouping.set(chartGroupings.contains(keep) ? keep : chartGroupings.isEmpty() ? null : chartGroupings.get(0));
        updateChartRows();
        long flags = l.groupings().stream().mapToLong(g -> g.flagged().size()).sum();
        message.set(l.label() + ": " + l.overall().n() + " cases, threshold " + EstimateText.num(l.threshold()) + " ("
                + o.audit().settings().threshold().describe() + "), " + flags + (flags == 1 ? " flagged disparity" : " flagged disparities")
                + ". Click a cell to see its cases.");
    }

    private static RegisteredModel choose(List<RegisteredModel> models, RegisteredModel preferred) {
        if (preferred != null && models.contains(preferred)) {
            return preferred;
        }
        return models.isEmpty() ? null : models.get(0);
    }

    private void clearResult() {
        outcome.set(null);
        rows.clear();
        chartGroupings.clear();
        chartRows.clear();
    }

    private void updateChartRows() {
        String g = chartGrouping.get();
        List<SubgroupRow> selected = new ArrayList<>();
        if (!rows.isEmpty()) {
            selected.add(rows.get(0));
            rows.stream().filter(r -> r.grouping() != null && r.groupingName().equals(g)).forEach(selected::add);
        }
        chartRows.setAll(selected);
    }

    private void updateCanRun() {
        canRun.set(cohort.get() != null && !busy.get());
    }

    private static String groupingNames(FairnessSettings s) {
        return s.groupings().isEmpty() ? "nothing (whole cohort only)" : String.join(", ", s.groupings().stream().map(Grouping::name).toList());
    }
}
