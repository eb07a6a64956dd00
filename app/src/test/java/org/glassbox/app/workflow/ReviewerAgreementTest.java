package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.catalog.BiasFlag;
import org.glassbox.core.catalog.BiasFlag.Category;
import org.junit.jupiter.api.Test;

/** Agreement on a constructed set of flags, against values computed by hand (worked in the comments). */
class ReviewerAgreementTest {
    private static long ids;

    static BiasFlag flag(String reviewer, String sop, Category category, int second) {
        return new BiasFlag(++ids, sop, null, null, category, BiasFlag.Severity.MEDIUM, null, "", reviewer, Instant.ofEpochSecond(1_700_000_000L + second));
    }

    /**
     * R1: c1 SHORTCUT, c2 SHORTCUT, c3 CALIBRATION; R2: c1 SHORTCUT, c2 OTHER, c4 SHORTCUT; R3: c1 OTHER then
     * (later) c1 SHORTCUT — the latest counts.
     */
    static List<BiasFlag> threeReviewers() {
        List<BiasFlag> f = new ArrayList<>();
        f.add(flag("R1", "c1", Category.SHORTCUT, 1));
        f.add(flag("R1", "c2", Category.SHORTCUT, 2));
        f.add(flag("R1", "c3", Category.CALIBRATION, 3));
        f.add(flag("R2", "c1", Category.SHORTCUT, 4));
        f.add(flag("R2", "c2", Category.OTHER, 5));
        f.add(flag("R2", "c4", Category.SHORTCUT, 6));
        f.add(flag("R3", "c1", Category.SHORTCUT, 8));
        f.add(flag("R3", "c1", Category.OTHER, 7)); // raised earlier, so replaced by the SHORTCUT flag above
        return f;
    }

    @Test
    void fleissAndPairwiseCohenMatchHandComputedValues() {
        ReviewerAgreement a = ReviewerAgreement.of(threeReviewers());
        assertThat(a.reviewers()).containsExactly("R1", "R2", "R3");
        assertThat(a.cases()).isEqualTo(4);
        assertThat(a.sharedCases()).isEqualTo(2); // c1 (all three) and c2 (R1, R2)
        // Ratings (S shortcut, O other, C calibration, N not flagged):
        //   c1: S S S   P = (9-3)/6 = 1
        //   c2: S O N   P = 0
        //   c3: C N N   P = (1+4-3)/6 = 1/3
        //   c4: N S N   P = 1/3           P̄ = 5/12
        // totals S 5, O 1, C 1, N 5 of 12: P̄e = 52/144 = 13/36; κ = (15/36 - 13/36) / (23/36) = 2/23
        assertThat(a.fleiss()).isCloseTo(2.0 / 23, within(1e-12));
        assertThat(a.fleissUndefined()).isNull();
        assertThat(a.pairs()).extracting(ReviewerAgreement.Pair::first, ReviewerAgreement.Pair::second)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("R1", "R2"), org.assertj.core.groups.Tuple.tuple("R1", "R3"),
                        org.assertj.core.groups.Tuple.tuple("R2", "R3"));
        // R1×R2 over c1..c4: R1 S S C N, R2 S O N S; p_o = 1/4, p_e = (2·2 + 1·1)/16 = 5/16 → κ = -1/11
        ReviewerAgreement.Pair p12 = a.pairs().get(0);
        assertThat(p12.cases()).isEqualTo(4);
        assertThat(p12.shared()).isEqualTo(2);
        assertThat(p12.kappa()).isCloseTo(-1.0 / 11, within(1e-12));
        // R1×R3 over c1..c3: R1 S S C, R3 S N N; p_o = 1/3, p_e = 2·1/9 → κ = (1/3 - 2/9)/(7/9) = 1/7
        assertThat(a.pairs().get(1).kappa()).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(a.pairs().get(1).cases()).isEqualTo(3);
        // R2×R3 over c1, c2, c4: R2 S O S, R3 S N N → the same 1/7
        assertThat(a.pairs().get(2).kappa()).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(a.describe().get(0)).isEqualTo("Fleiss' κ (3 reviewers, 4 cases, 2 flagged by ≥ 2): 0.087");
        assertThat(a.describe().get(1)).isEqualTo("Cohen's κ R1 × R2 (4 cases, 2 flagged by both): -0.091");
    }

    @Test
    void undefinedAgreementSaysWhy() {
        assertThat(ReviewerAgreement.of(List.of()).fleissUndefined()).isEqualTo("no flags");
        ReviewerAgreement one = ReviewerAgreement.of(List.of(flag("R1", "c1", Category.OTHER, 1), flag("R1", "c2", Category.OTHER, 2)));
        assertThat(one.fleiss()).isNaN();
        assertThat(one.fleissUndefined()).contains("only one reviewer");
        assertThat(one.pairs()).isEmpty();

        ReviewerAgreement disjoint = ReviewerAgreement.of(List.of(flag("R1", "c1", Category.OTHER, 1), flag("R2", "c2", Category.OTHER, 2)));
        assertThat(disjoint.fleissUndefined()).isEqualTo("no case was flagged by two or more reviewers");
        assertThat(disjoint.pairs().get(0).undefined()).isEqualTo("no case flagged by both");
        assertThat(disjoint.describe().get(0)).endsWith(": — — no case was flagged by two or more reviewers");
    }

    @Test
    void sameCasesWithTheSameSingleCategoryIsPerfectAgreementNotUndefined() {
        // R1 and R2 flag c1 and c2, both SHORTCUT: p_o = 1 and p_e = 1, so the formula is 0/0; agreement is perfect.
        ReviewerAgreement same = ReviewerAgreement.of(List.of(flag("R1", "c1", Category.SHORTCUT, 1), flag("R1", "c2", Category.SHORTCUT, 2),
                flag("R2", "c1", Category.SHORTCUT, 3), flag("R2", "c2", Category.SHORTCUT, 4)));
        assertThat(same.fleiss()).isEqualTo(1.0);
        assertThat(same.fleissUndefined()).isNull();
        assertThat(same.fleissNote()).isEqualTo(ReviewerAgreement.PERFECT);
        ReviewerAgreement.Pair p = same.pairs().get(0);
        assertThat(p.kappa()).isEqualTo(1.0);
        assertThat(p.undefined()).isNull();
        assertThat(p.note()).isEqualTo(ReviewerAgreement.PERFECT);
        assertThat(same.describe()).containsExactly(
                "Fleiss' κ (2 reviewers, 2 cases, 2 flagged by ≥ 2): 1.000 — perfect agreement: every rating is the same category",
                "Cohen's κ R1 × R2 (2 cases, 2 flagged by both): 1.000 — perfect agreement: every rating is the same category");

        // A third reviewer who flagged only c1 (c2 rated "not flagged") breaks the single category: an ordinary κ < 1.
        List<BiasFlag> three = new ArrayList<>(List.of(flag("R1", "c1", Category.SHORTCUT, 1), flag("R1", "c2", Category.SHORTCUT, 2),
                flag("R2", "c1", Category.SHORTCUT, 3), flag("R2", "c2", Category.SHORTCUT, 4), flag("R3", "c1", Category.SHORTCUT, 5)));
        ReviewerAgreement partial = ReviewerAgreement.of(three);
        assertThat(partial.fleiss()).isLessThan(1.0);
        assertThat(partial.fleissNote()).isNull();
        assertThat(partial.pairs().get(0).kappa()).isEqualTo(1.0); // R1 × R2 still agree perfectly
    }
}
