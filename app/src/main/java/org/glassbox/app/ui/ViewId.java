package org.glassbox.app.ui;

/** The main window's views, one tab each. */
public enum ViewId {
    /** Worklist, image viewer and findings panel side by side. */
    REVIEW("Review"),
    COMPARE("Compare"),
    FAIRNESS("Fairness"),
    FLAGS("Flags");

    private final String title;

    ViewId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
