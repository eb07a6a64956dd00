package org.glassbox.app.ui.flags;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.glassbox.app.workflow.FeedbackBundle;
import org.glassbox.app.workflow.FlagListRow;
import org.glassbox.app.workflow.ReviewerAgreement;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.BiasFlag;

/**
 * The flags list's state: every flag of the workspace, the filters (category, severity, reviewer,
 * model — null or empty for any — and free text), the rows they let through, the reviewer agreement
 * over those rows ({@link ReviewerAgreement}) and a prepared feedback-bundle export with the PHI
 * findings in its notes. Catalog work happens in workflow classes that the view runs in the
 * background; this class only holds state. FX thread only.
 */
public final class FlagsViewModel {
    private final ObservableList<FlagListRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FlagListRow> visible = new FilteredList<>(rows, r -> true);
    private final ObjectProperty<BiasFlag.Category> category = new SimpleObjectProperty<>(this, "category");
    private final ObjectProperty<BiasFlag.Severity> severity = new SimpleObjectProperty<>(this, "severity");
    private final StringProperty reviewer = new SimpleStringProperty(this, "reviewer");
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObservableList<String> reviewers = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ReviewerAgreement> agreement = new ReadOnlyObjectWrapper<>(this, "agreement", ReviewerAgreement.of(List.of()));
    private final ReadOnlyStringWrapper agreementText = new ReadOnlyStringWrapper(this, "agreementText");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "no flags");
    private final ReadOnlyObjectWrapper<FeedbackBundle> pendingExport = new ReadOnlyObjectWrapper<>(this, "pendingExport");
    private final ObservableList<FeedbackBundle.NoteFinding> exportFindings = FXCollections.observableArrayList();

    public FlagsViewModel() {
        category.addListener((o, a, b) -> refilter());
        severity.addListener((o, a, b) -> refilter());
        reviewer.addListener((o, a, b) -> refilter());
        model.addListener((o, a, b) -> refilter());
        text.addListener((o, a, b) -> refilter());
        update();
    }

    /**
     * Bumped by every {@link #beginLoad()}: reloads run on a pool of several threads, so after
     * raise-then-withdraw the older list can arrive last; only the latest load's rows are shown.
     */
    private long loadGeneration;

    /** Starts a reload: pass the returned generation to {@link #setRows(long, List)} with its result. */
    public long beginLoad() {
        return ++loadGeneration;
    }

    /**
     * The rows of the reload {@code generation} (from {@link #beginLoad()}): applied when no later
     * reload has started since, else dropped (a later one will arrive).
     *
     * @return whether the rows were applied
     */
    public boolean setRows(long generation, List<FlagListRow> newRows) {
        if (generation != loadGeneration) {
            return false;
        }
        setRows(newRows);
        return true;
    }

    /** Replaces every row (after a reload); filter choices follow the rows. */
    public void setRows(List<FlagListRow> newRows) {
        rows.setAll(newRows);
        reviewers.setAll(new TreeSet<>(newRows.stream().map(r -> r.flag().reviewer()).toList()));
        models.setAll(new TreeSet<>(newRows.stream().map(FlagListRow::modelName).filter(m -> !m.isEmpty()).toList()));
        update();
    }

    private void refilter() {
        BiasFlag.Category c = category.get();
        BiasFlag.Severity s = severity.get();
        String r = reviewer.get();
        String m = model.get();
        String t = text.get();
        visible.setPredicate(row -> (c == null || row.flag().category() == c)
                && (s == null || row.flag().severity() == s)
                && (r == null || r.isEmpty() || row.flag().reviewer().equals(r))
                && (m == null || m.isEmpty() || row.modelName().equals(m))
                && row.matches(t));
        update();
    }

    private void update() {
        ReviewerAgreement a = ReviewerAgreement.of(visibleFlags());
        agreement.set(a);
        agreementText.set(String.join("\n", a.describe()));
        summary.set(visible.size() == rows.size() ? rows.size() + (rows.size() == 1 ? " flag" : " flags")
                : visible.size() + " of " + rows.size() + " flags");
    }

    /** Rows passing the filters, oldest first. */
    public ObservableList<FlagListRow> visibleRows() {
        return visible;
    }

    /** The flags of the visible rows (what agreement and the export use). */
    public List<BiasFlag> visibleFlags() {
        return visible.stream().map(FlagListRow::flag).toList();
    }

    /** Category filter; null = any. */
    public ObjectProperty<BiasFlag.Category> categoryFilter() {
        return category;
    }

    /** Severity filter; null = any. */
    public ObjectProperty<BiasFlag.Severity> severityFilter() {
        return severity;
    }

    /** Reviewer filter (a pseudonym); null or empty = any. */
    public StringProperty reviewerFilter() {
        return reviewer;
    }

    /** Model filter ({@link FlagListRow#modelName()}); null or empty = any. */
    public StringProperty modelFilter() {
        return model;
    }

    /** Free text matched against every text column. */
    public StringProperty textFilter() {
        return text;
    }

    /** Reviewers present in the rows, sorted (filter choices). */
    public ObservableList<String> reviewers() {
        return reviewers;
    }

    /** Model names present in the rows, sorted (filter choices). */
    public ObservableList<String> models() {
        return models;
    }

    public ReadOnlyObjectProperty<ReviewerAgreement> agreementProperty() {
        return agreement.getReadOnlyProperty();
    }

    /** Agreement as lines of text (Fleiss first, then each pair). */
    public ReadOnlyStringProperty agreementTextProperty() {
        return agreementText.getReadOnlyProperty();
    }

    /** "N flags" or "N of M flags". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /**
     * The case a flag concerns among the worklist's rows, if the workspace still holds it.
     */
    public static Optional<WorklistRow> caseOf(FlagListRow row, List<? extends WorklistRow> worklistRows) {
        Objects.requireNonNull(row, "row");
        return worklistRows.stream().filter(w -> w.sopInstanceUid().equals(row.flag().sopInstanceUid())).map(w -> (WorklistRow) w).findFirst();
    }

    /** Holds a prepared export (its note findings become {@link #exportFindings()}) until written or cancelled. */
    public void exportPrepared(FeedbackBundle bundle) {
        pendingExport.set(bundle);
        exportFindings.setAll(bundle == null ? List.of() : bundle.noteFindings());
    }

    /** The prepared export; null when none. */
    public ReadOnlyObjectProperty<FeedbackBundle> pendingExportProperty() {
        return pendingExport.getReadOnlyProperty();
    }

    /** What in the prepared export's notes looks like PHI (the warning dialog lists these). */
    public ObservableList<FeedbackBundle.NoteFinding> exportFindings() {
        return exportFindings;
    }
}
