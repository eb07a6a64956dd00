package org.glassbox.app.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.explain.stats.CohensKappa;
import org.glassbox.explain.stats.FleissKappa;

/**
 * How much reviewers agree in their bias flags.
 *
 * <p>{@value #DEFINITION}
 *
 * @param reviewers      reviewer pseudonyms, sorted
 * @param cases          cases flagged by at least one reviewer (the subjects of Fleiss' kappa)
 * @param sharedCases    cases flagged by two or more reviewers
 * @param fleiss         Fleiss' kappa across all reviewers; NaN when undefined
 * @param fleissUndefined why {@code fleiss} is undefined; null when it is defined
 * @param fleissNote     a remark on a defined {@code fleiss} ({@link #PERFECT}), or null
 * @param pairs          Cohen's kappa for each pair of reviewers, in reviewer order
 */
public record ReviewerAgreement(List<String> reviewers, int cases, int sharedCases, double fleiss, String fleissUndefined,
                                String fleissNote, List<Pair> pairs) {

    /** The definition, for the UI's tooltip and the README. */
    public static final String DEFINITION = "Reviewer agreement is computed over the flags shown. The subjects are the cases "
            + "flagged by at least one reviewer; each reviewer rates every such case with the category of their latest flag "
            + "on it, or \"not flagged\" (7 nominal categories). Fleiss' kappa is taken across all reviewers over these cases; "
            + "Cohen's kappa for a pair of reviewers over the cases either of the two flagged. Kappa is 1 for perfect "
            + "agreement and 0 for agreement at chance level; it is undefined (—) with fewer than 2 reviewers or when no case "
            + "was flagged by two of them. When every rating falls in one category (the reviewers flagged the same cases "
            + "with the same category) the formula is 0/0, but the agreement is perfect, so kappa is reported as 1. Filter "
            + "by model to see one model's agreement.";

    /**
     * The note on a kappa of 1 reported for perfect agreement in one category: observed agreement is 1
     * and so is chance agreement, so (p_o − p_e) / (1 − p_e) is 0/0; we report 1, the value for
     * perfect agreement, rather than "undefined", which read as "no agreement measurable".
     */
    public static final String PERFECT = "perfect agreement: every rating is the same category";

    /** The rating of a case a reviewer did not flag. */
    public static final String NOT_FLAGGED = "not flagged";

    /**
     * Cohen's kappa of two reviewers.
     *
     * @param first      reviewer pseudonym
     * @param second     reviewer pseudonym (after {@code first})
     * @param cases      cases flagged by either
     * @param shared     cases flagged by both
     * @param kappa      Cohen's kappa; NaN when undefined
     * @param undefined  why {@code kappa} is undefined; null when defined
     * @param note       a remark on a defined {@code kappa} ({@link #PERFECT}), or null
     */
    public record Pair(String first, String second, int cases, int shared, double kappa, String undefined, String note) {
    }

    /** Agreement among the reviewers of {@code flags} (any order; several flags per reviewer and case allowed). */
    public static ReviewerAgreement of(Collection<BiasFlag> flags) {
        // reviewer → case → rating (category index of the latest flag)
        Map<String, Map<String, Integer>> ratings = new TreeMap<>();
        List<BiasFlag> ordered = new ArrayList<>(flags);
        ordered.sort(Comparator.comparing(BiasFlag::createdAt).thenComparingLong(BiasFlag::id));
        for (BiasFlag f : ordered) {
            ratings.computeIfAbsent(f.reviewer(), r -> new LinkedHashMap<>()).put(f.sopInstanceUid(), f.category().ordinal());
        }
        List<String> reviewers = List.copyOf(ratings.keySet());
        Set<String> cases = new TreeSet<>();
        ratings.values().forEach(m -> cases.addAll(m.keySet()));
        int shared = countShared(cases, reviewers, ratings);

        double fleiss = Double.NaN;
        String why;
        String note = null;
        if (reviewers.size() < 2) {
            why = reviewers.isEmpty() ? "no flags" : "only one reviewer (" + reviewers.get(0) + ") flagged these cases";
        } else if (shared == 0) {
            why = "no case was flagged by two or more reviewers";
        } else {
            long[][] table = new long[cases.size()][CATEGORIES];
            int i = 0;
            for (String c : cases) {
                for (String r : reviewers) {
                    table[i][ratings.get(r).getOrDefault(c, NOT_FLAGGED_INDEX)]++;
                }
                i++;
            }
            fleiss = FleissKappa.of(table);
            why = null;
            if (Double.isNaN(fleiss) && everyRatingAgrees(table)) {
                // P̄e = Σ p_j² is 1 only when every rating is one category, and then P̄ = 1 too: perfect agreement.
                fleiss = 1.0;
                note = PERFECT;
            } else if (Double.isNaN(fleiss)) {
                why = "chance agreement is 1";
            }
        }

        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < reviewers.size(); a++) {
            for (int b = a + 1; b < reviewers.size(); b++) {
                pairs.add(pair(reviewers.get(a), reviewers.get(b), ratings));
            }
        }
        return new ReviewerAgreement(reviewers, cases.size(), shared, fleiss, why, note, List.copyOf(pairs));
    }

    private static final int CATEGORIES = BiasFlag.Category.values().length + 1;
    private static final int NOT_FLAGGED_INDEX = CATEGORIES - 1;

    /** True when every subject's ratings all fall in one category (Fleiss' observed agreement P̄ = 1). */
    private static boolean everyRatingAgrees(long[][] subjects) {
        for (long[] row : subjects) {
            int used = 0;
            for (long n : row) {
                used += n > 0 ? 1 : 0;
            }
            if (used > 1) {
                return false;
            }
        }
        return true;
    }

    private static int countShared(Set<String> cases, List<String> reviewers, Map<String, Map<String, Integer>> ratings) {
        int shared = 0;
        for (String c : cases) {
            int by = 0;
            for (String r : reviewers) {
                by += ratings.get(r).containsKey(c) ? 1 : 0;
            }
            shared += by >= 2 ? 1 : 0;
        }
        return shared;
    }

    private static Pair pair(String first, String second, Map<String, Map<String, Integer>> ratings) {
        Map<String, Integer> a = ratings.get(first);
        Map<String, Integer> b = ratings.get(second);
        Set<String> union = new TreeSet<>(a.keySet());
        union.addAll(b.keySet());
        long[][] table = new long[CATEGORIES][CATEGORIES];
        int shared = 0;
        for (String c : union) {
            table[a.getOrDefault(c, NOT_FLAGGED_INDEX)][b.getOrDefault(c, NOT_FLAGGED_INDEX)]++;
            shared += a.containsKey(c) && b.containsKey(c) ? 1 : 0;
        }
        if (shared == 0) {
            return new Pair(first, second, union.size(), 0, Double.NaN, "no case flagged by both", null);
        }
        double k = CohensKappa.ofTable(table);
        if (Double.isNaN(k)) {
            // p_e = Σ p_a(k)·p_b(k) is 1 only when both put every case in the same one category, so p_o = 1.
            long agreed = 0;
            for (int i = 0; i < CATEGORIES; i++) {
                agreed += table[i][i];
            }
            return agreed == union.size() ? new Pair(first, second, union.size(), shared, 1.0, null, PERFECT)
                    : new Pair(first, second, union.size(), shared, Double.NaN, "chance agreement is 1", null);
        }
        return new Pair(first, second, union.size(), shared, k, null, null);
    }

    /** κ to three decimals, or "—" when undefined. */
    public static String format(double kappa) {
        return Double.isNaN(kappa) ? "—" : String.format(java.util.Locale.ROOT, "%.3f", kappa);
    }

    /** Lines for the flags view: Fleiss first, then each pair. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Fleiss' κ (" + reviewers.size() + " reviewers, " + cases + " cases, " + sharedCases + " flagged by ≥ 2): "
                + format(fleiss) + remark(fleissUndefined, fleissNote));
        for (Pair p : pairs) {
            lines.add("Cohen's κ " + p.first() + " × " + p.second() + " (" + p.cases() + " cases, " + p.shared() + " flagged by both): "
                    + format(p.kappa()) + remark(p.undefined(), p.note()));
        }
        return lines;
    }

    private static String remark(String undefined, String note) {
        String r = undefined != null ? undefined : note;
        return r == null ? "" : " — " + r;
    }
}
