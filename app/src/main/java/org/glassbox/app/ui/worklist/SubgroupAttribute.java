package org.glassbox.app.ui.worklist;

import java.util.function.Function;
import org.glassbox.app.workflow.WorklistRow;

/** The subgroup attributes the worklist filters by, with how each is read from a row (null/blank: unknown). */
public enum SubgroupAttribute {
    SEX("Sex", WorklistRow::sex),
    AGE_BAND("Age band", WorklistRow::ageBand),
    SITE("Site", WorklistRow::site),
    MANUFACTURER("Manufacturer", WorklistRow::manufacturer),
    MODEL("Model", WorklistRow::model);

    private final String title;
    private final Function<WorklistRow, String> value;

    SubgroupAttribute(String title, Function<WorklistRow, String> value) {
        this.title = title;
        this.value = value;
    }

    /** The row's value; "" when unknown (so unknowns form a group of their own). */
    public String valueOf(WorklistRow row) {
        String v = value.apply(row);
        return v == null ? "" : v;
    }

    @Override
    public String toString() {
        return title;
    }
}
