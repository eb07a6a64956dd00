package org.glassbox.explain.fairness;

import java.util.Locale;

/**
 * How the decision threshold of a label is chosen: on the whole cohort (all cases with a score and
 * known truth), once per label, then held fixed for every subgroup and every bootstrap resample — so
 * subgroup metrics compare groups at the operating point a hospital would deploy.
 */
public sealed interface ThresholdRule {

    /** A fixed threshold in [0, 1]. */
    record Fixed(double threshold) implements ThresholdRule {
        public Fixed {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold " + threshold + " is outside [0, 1]");
            }
        }

        @Override
        public String describe() {
            return "fixed " + threshold;
        }
    }

    /** The threshold maximising Youden's J = TPR − FPR (the highest such threshold on ties). */
    record Youden() implements ThresholdRule {
        @Override
        public String describe() {
            return "youden";
        }
    }

    /** The highest threshold whose sensitivity is at least {@code sensitivity} (in (0, 1]). */
    record FixedSensitivity(double sensitivity) implements ThresholdRule {
        public FixedSensitivity {
            if (!(sensitivity > 0 && sensitivity <= 1)) {
                throw new IllegalArgumentException("sensitivity " + sensitivity + " is outside (0, 1]");
            }
        }

        @Override
        public String describe() {
            return "sens:" + sensitivity;
        }
    }

    /** "0.5", "youden" or "sens:0.9", as in the CLI's {@code --threshold}. */
    String describe();

    /**
     * Parses the CLI form.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static ThresholdRule parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("youden")) {
                return new Youden();
            }
            if (t.startsWith("sens:")) {
                return new FixedSensitivity(Double.parseDouble(t.substring(5)));
            }
            return new Fixed(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold '" + text + "' is not a number in [0, 1], 'youden' or 'sens:S'");
        }
    }
}
