package org.glassbox.app.ui.worklist;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.glassbox.app.workflow.WorklistRow;

/**
 * The worklist's state: every row of the catalog, the filters and the rows they let through.
 * Filters combine with AND: free text; one subgroup attribute value (sex, age band, site,
 * manufacturer, model; "" picks the unknowns); a finding (a truth label positive); a score range
 * on one label (inclusive; while it is narrower than [0, 1], unscored cases are left out);
 * flagged only; and a restriction to given instances (a fairness cell, flipped cases), which
 * clears the other filters when set. Only this
 * class talks to the workflow layer, so the worklist's behaviour is tested headless. Must be used
 * on the JavaFX thread (or before the scene is shown).
 */
public final class WorklistViewModel {
    private final ObservableList<WorklistRow> rows = FXCollections.observableArrayList();
    private final ObservableList<WorklistRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<WorklistRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<SubgroupAttribute> attribute = new SimpleObjectProperty<>(this, "attribute");
    private final StringProperty attributeValue = new SimpleStringProperty(this, "attributeValue");
    private final ObservableList<String> attributeValues = FXCollections.observableArrayList();
    private final StringProperty finding = new SimpleStringProperty(this, "finding");
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final StringProperty scoreLabel = new SimpleStringProperty(this, "scoreLabel");
    private final ObservableList<String> scoreLabels = FXCollections.observableArrayList();
    private final DoubleProperty scoreMin = new SimpleDoubleProperty(this, "scoreMin", 0);
    private final DoubleProperty scoreMax = new SimpleDoubleProperty(this, "scoreMax", 1);
    private final BooleanProperty flaggedOnly = new SimpleBooleanProperty(this, "flaggedOnly");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no cases");
    private final ReadOnlyStringWrapper restriction = new ReadOnlyStringWrapper(null);
    private final ReadOnlyIntegerWrapper rowsVersion = new ReadOnlyIntegerWrapper(this, "rowsVersion", 0);
    private Set<String> restrictedTo;

    public WorklistViewModel() {
        for (Observable o : new Observable[] {filter, attributeValue, finding, scoreLabel, scoreMin, scoreMax, flaggedOnly}) {
            o.addListener(x -> refilter());
        }
        attribute.addListener((o, a, b) -> {
            attributeValue.set(null);
            updateChoices();
        });
    }

    /**
     * Shows only these instances (a fairness cell, a flipped-cases list) until {@link #clearRestriction}.
     * Clears the other filters first: the banner names the whole selection, so a leftover "sex=M"
     * or "flagged only" must not silently hide cases of it. Filters set afterwards narrow it.
     */
    public void restrictTo(String why, Collection<String> sopInstanceUids) {
        Set<String> only = Set.copyOf(sopInstanceUids);
        clearFilters();
        restrictedTo = only;
        restriction.set(why);
        refilter();
    }

    public void clearRestriction() {
        restrictedTo = null;
        restriction.set(null);
        refilter();
    }

    /** What the worklist is restricted to, for a banner with a clear button; null when it is not. */
    public ReadOnlyStringProperty restrictionProperty() {
        return restriction.getReadOnlyProperty();
    }

    /**
     * Replaces all rows (e.g. after an import, or new scores); keeps the filters. Then bumps
     * {@link #rowsVersionProperty}, so views re-find their selected case ({@link #sameCase}).
     */
    public void setRows(List<WorklistRow> newRows) {
        rows.setAll(newRows);
        updateChoices();
        refilter();
        rowsVersion.set(rowsVersion.get() + 1);
    }

    /** Counts {@link #setRows} calls; changes after the rows, choices and visible rows are all updated. */
    public ReadOnlyIntegerProperty rowsVersionProperty() {
        return rowsVersion.getReadOnlyProperty();
    }

    /**
     * The current record of the case {@code row} shows (same SOP Instance UID; a reload replaces
     * records with new scores or flag counts), or null when it is gone or {@code row} is null.
     */
    public WorklistRow sameCase(WorklistRow row) {
        if (row == null) {
            return null;
        }
        String uid = row.sopInstanceUid();
        return rows.stream().filter(r -> r.sopInstanceUid().equals(uid)).findFirst().orElse(null);
    }

    /** Every row, in catalog order. */
    public ObservableList<WorklistRow> allRows() {
        return rowsView; // one wrapper: it holds its listeners only while it is referenced
    }

    /** Rows passing the filters, in catalog order (the table sorts its own view of them). */
    public ObservableList<WorklistRow> visibleRows() {
        return visible;
    }

    /** Free text matched against pseudonym, modality, view, sex, site, equipment and findings. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The subgroup attribute filtered on; null: none. Changing it clears {@link #attributeValueProperty}. */
    public ObjectProperty<SubgroupAttribute> attributeProperty() {
        return attribute;
    }

    /** The attribute value a case must have; null: any ("" picks the cases where it is unknown). */
    public StringProperty attributeValueProperty() {
        return attributeValue;
    }

    /** The values the chosen attribute takes in the rows, sorted (empty when no attribute is chosen). */
    public ObservableList<String> attributeValues() {
        return attributeValues;
    }

    /** A truth label that must be positive; null: any. */
    public StringProperty findingProperty() {
        return finding;
    }

    /** Truth labels positive in some row, sorted. */
    public ObservableList<String> findings() {
        return findings;
    }

    /** The label the score range applies to; null: no score filter. */
    public StringProperty scoreLabelProperty() {
        return scoreLabel;
    }

    /** Labels scored in some row, in the model's order. */
    public ObservableList<String> scoreLabels() {
        return scoreLabels;
    }

    /** Lower end of the score range, in [0, 1], inclusive. */
    public DoubleProperty scoreMinProperty() {
        return scoreMin;
    }

    /** Upper end of the score range, in [0, 1], inclusive. */
    public DoubleProperty scoreMaxProperty() {
        return scoreMax;
    }

    /** Only cases with at least one bias flag. */
    public BooleanProperty flaggedOnlyProperty() {
        return flaggedOnly;
    }

    /** Clears every filter and the restriction. */
    public void clearFilters() {
        filter.set("");
        attribute.set(null);
        finding.set(null);
        scoreLabel.set(null);
        scoreMin.set(0);
        scoreMax.set(1);
        flaggedOnly.set(false);
        clearRestriction();
    }

    /** "N of M cases" for the status bar. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private void refilter() {
        String text = filter.get();
        Set<String> only = restrictedTo;
        SubgroupAttribute attr = attribute.get();
        String value = attributeValue.get();
        String truth = finding.get();
        String label = scoreLabel.get();
        double lo = Math.min(scoreMin.get(), scoreMax.get());
        double hi = Math.max(scoreMin.get(), scoreMax.get());
        boolean scoreFilter = label != null && (lo > 0 || hi < 1);
        boolean flagged = flaggedOnly.get();
        visible.setPredicate(r -> r.matches(text)
                && (only == null || only.contains(r.sopInstanceUid()))
                && (attr == null || value == null || attr.valueOf(r).equals(value))
                && (truth == null || r.findings().contains(truth))
                && (!scoreFilter || inRange(r.score(label), lo, hi))
                && (!flagged || r.flags() > 0));
        updateSummary();
    }

    private static boolean inRange(double s, double lo, double hi) {
        return !Double.isNaN(s) && s >= lo && s <= hi;
    }

    private void updateChoices() {
        SubgroupAttribute attr = attribute.get();
        Set<String> values = new TreeSet<>();
        Set<String> truths = new TreeSet<>();
        Set<String> labels = new LinkedHashSet<>();
        for (WorklistRow r : rows) {
            if (attr != null) {
                values.add(attr.valueOf(r));
            }
            truths.addAll(r.findings());
            labels.addAll(r.scores().keySet());
        }
        setIfChanged(attributeValues, values);
        setIfChanged(findings, truths);
        setIfChanged(scoreLabels, labels);
    }

    private static void setIfChanged(ObservableList<String> list, Collection<String> values) {
        if (!list.equals(List.copyOf(values))) {
            list.setAll(values);
        }
    }

    private void updateSummary() {
        summary.set(visible.size() == rows.size()
                ? rows.size() + (rows.size() == 1 ? " case" : " cases")
                : visible.size() + " of " + rows.size() + " cases");
    }
}
