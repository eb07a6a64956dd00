package org.glassbox.app.ui;

/** What to do next, in the workstation's own terms, appended to messages that come from shared workflow code. */
public final class Hints {
    private Hints() {
    }

    /**
     * A problem message, with the menu command that fixes it when the problem is missing scores
     * (the workflow's message names the CLI command, which is right on the command line only).
     */
    public static String withScoringHint(String problem) {
        if (problem != null && problem.contains("has no scores")) {
            return problem + " — or here: Models ▸ Score all cases with models A and B (Ctrl+Shift+S).";
        }
        return problem;
    }
}
