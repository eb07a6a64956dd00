package org.glassbox.app.ui.worklist;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.glassbox.app.workflow.WorklistRow;

/**
 * The worklist's state: every row of the catalog, the filter text and the rows it lets through.
 * Only this class talks to the workflow layer, so the worklist's behaviour is tested headless.
 * Must be used on the JavaFX thread (or before the scene is shown).
 */
public final class WorklistViewModel {
    private final ObservableList<WorklistRow> rows = FXCollections.observableArrayList();
    private final FilteredList<WorklistRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no cases");
    private final ReadOnlyStringWrapper restriction = new ReadOnlyStringWrapper(null);
    private Set<String> restrictedTo;

    public WorklistViewModel() {
        filter.addListener((obs, old, text) -> refilter());
    }

    /** Shows only these instances (a fairness cell, a flipped-cases list) until {@link #clearRestriction}. */
    public void restrictTo(String why, Collection<String> sopInstanceUids) {
        restrictedTo = Set.copyOf(sopInstanceUids);
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

    private void refilter() {
        String text = filter.get();
        Set<String> only = restrictedTo;
        visible.setPredicate(r -> r.matches(text) && (only == null || only.contains(r.sopInstanceUid())));
        updateSummary();
    }

    /** Replaces all rows (e.g. after an import). */
    public void setRows(List<WorklistRow> newRows) {
        rows.setAll(newRows);
        updateSummary();
    }

    /** Rows passing the filter, in catalog order (the table sorts its own view of them). */
    public ObservableList<WorklistRow> visibleRows() {
        return visible;
    }

    /** Free text matched against pseudonym, modality, view, sex, site, equipment and findings. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** "N of M cases" for the status bar. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private void updateSummary() {
        summary.set(visible.size() == rows.size()
                ? rows.size() + (rows.size() == 1 ? " case" : " cases")
                : visible.size() + " of " + rows.size() + " cases");
    }
}
