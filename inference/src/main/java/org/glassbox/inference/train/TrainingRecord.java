package org.glassbox.inference.train;

import java.util.List;

/**
 * The facts of one finished training run, from which a demo package's model.json and model card
 * are written ({@link DemoManifest}, {@link DemoPackageText}).
 *
 * @param recipe           what was trained
 * @param generatedStudies studies generated for training (before v1's selection)
 * @param trained          the studies actually trained on
 * @param heldOut          the held-out evaluations: the balanced, shortcut-free cohort first, then the one with the shortcut
 */
public record TrainingRecord(DemoRecipe recipe, int generatedStudies, CohortComposition trained, List<HeldOut> heldOut) {

    public TrainingRecord {
        heldOut = List.copyOf(heldOut);
        if (heldOut.isEmpty() || heldOut.get(0).shortcut()) {
            throw new IllegalArgumentException("the balanced, shortcut-free evaluation must come first (acceptance floors derive from it)");
        }
    }

    /**
     * One held-out evaluation.
     *
     * @param shortcut   whether the cohort carries the shortcut marker
     * @param evaluation the AUCs measured
     * @param cohort     who was in the cohort (for subgroup sizes)
     */
    public record HeldOut(boolean shortcut, Evaluation evaluation, CohortComposition cohort) {
    }

    public List<Evaluation> evaluations() {
        return heldOut.stream().map(HeldOut::evaluation).toList();
    }
}
