package org.glassbox.app.ui.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.glassbox.app.fairness.AgeBands;
import org.glassbox.app.workflow.FlagSubgroup;
import org.glassbox.app.workflow.ReviewerPseudonym;
import org.glassbox.app.workflow.WorklistRow;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.RegisteredModel;

/**
 * The flag dialog's state for one case: category, severity, the finding concerned (one of model A's
 * labels, or {@link #WHOLE_CASE}), the subgroup (prefilled from the case's attributes), the note and
 * the reviewer pseudonym. {@link #problemProperty()} says what is missing (null when the flag can be
 * raised). FX thread only.
 */
public final class FlagDialogModel {
    /** The label choice for a flag on the case as a whole. */
    public static final String WHOLE_CASE = "(the case as a whole)";

    private final WorklistRow caseRow;
    private final RegisteredModel model;
    private final ObjectProperty<BiasFlag.Category> category = new SimpleObjectProperty<>(this, "category");
    private final ObjectProperty<BiasFlag.Severity> severity = new SimpleObjectProperty<>(this, "severity", BiasFlag.Severity.MEDIUM);
    private final ObservableList<String> labelChoices = FXCollections.observableArrayList();
    private final StringProperty label = new SimpleStringProperty(this, "label", WHOLE_CASE);
    private final StringProperty subgroup = new SimpleStringProperty(this, "subgroup");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final StringProperty reviewer = new SimpleStringProperty(this, "reviewer", "");
    private final StringBinding problem;

    /**
     * @param caseRow            the case to flag
     * @param model              model A (whose output is questioned), or null for none in particular
     * @param modelLabels        that model's labels, in output order (empty when none)
     * @param rememberedReviewer the workspace's remembered pseudonym (may be empty)
     */
    public FlagDialogModel(WorklistRow caseRow, RegisteredModel model, List<String> modelLabels, String rememberedReviewer) {
        this.caseRow = caseRow;
        this.model = model;
        labelChoices.add(WHOLE_CASE);
        labelChoices.addAll(modelLabels);
        subgroup.set(defaultSubgroup(caseRow));
        reviewer.set(rememberedReviewer == null ? "" : rememberedReviewer);
        problem = Bindings.createStringBinding(() -> {
            if (category.get() == null) {
                return "choose a category";
            }
            if (severity.get() == null) {
                return "choose a severity";
            }
            String subgroupProblem = FlagSubgroup.problem(subgroup.get());
            return subgroupProblem != null ? subgroupProblem : ReviewerPseudonym.problem(reviewer.get());
        }, category, severity, subgroup, reviewer);
    }

    /** "sex=F*age_band=60-79*site=1a2b3c4d" from the case's known attributes (the fairness audit's names). */
    public static String defaultSubgroup(WorklistRow row) {
        List<String> parts = new ArrayList<>();
        if (row.sex() != null && !row.sex().isBlank()) {
            parts.add("sex=" + row.sex());
        }
        String band = AgeBands.DEFAULT.band(row.ageYears());
        if (band != null) {
            parts.add("age_band=" + band);
        }
        if (row.site() != null && !row.site().isBlank()) {
            parts.add("site=" + row.site());
        }
        return String.join("*", parts);
    }

    public WorklistRow caseRow() {
        return caseRow;
    }

    /** Model A, or null. */
    public RegisteredModel model() {
        return model;
    }

    public ObjectProperty<BiasFlag.Category> categoryProperty() {
        return category;
    }

    public ObjectProperty<BiasFlag.Severity> severityProperty() {
        return severity;
    }

    public ObservableList<String> labelChoices() {
        return labelChoices;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public StringProperty subgroupProperty() {
        return subgroup;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public StringProperty reviewerProperty() {
        return reviewer;
    }

    /** What stops the flag from being raised, or null when nothing does. */
    public StringBinding problemProperty() {
        return problem;
    }

    /**
     * The flag as filled in (id 0).
     *
     * @throws IllegalStateException with {@link #problemProperty()}'s text when it is incomplete
     */
    public BiasFlag toFlag(Instant now) {
        String why = problem.get();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        String l = label.get() == null || label.get().equals(WHOLE_CASE) || label.get().isBlank() ? null : label.get();
        String s = subgroup.get() == null || subgroup.get().isBlank() ? null : subgroup.get().strip();
        return new BiasFlag(0, caseRow.sopInstanceUid(), model == null ? null : model.sha256(), l, category.get(), severity.get(), s,
                note.get() == null ? "" : note.get().strip(), reviewer.get().strip(), now);
    }
}
