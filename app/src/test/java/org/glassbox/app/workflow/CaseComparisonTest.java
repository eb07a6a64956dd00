package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model-free parts of {@link CaseComparison}; the model road is in the compare view's GUI test. */
class CaseComparisonTest {

    @Test
    void scoresAreMatchedByLabelNameWithNaNWhereAModelLacksTheLabel() {
        List<CaseComparison.LabelScores> s = CaseComparison.scores(List.of("nodule", "effusion"), new float[] {0.25f, 0.5f},
                List.of("effusion", "cardiomegaly", "nodule"), new float[] {0.75f, 0.125f, 0.375f});
        assertThat(s).extracting(CaseComparison.LabelScores::label).containsExactly("nodule", "effusion", "cardiomegaly");
        assertThat(s.get(0).a()).isEqualTo(0.25);
        assertThat(s.get(0).b()).isEqualTo(0.375);
        assertThat(s.get(1).b()).isEqualTo(0.75);
        assertThat(s.get(2).a()).isNaN();
        assertThat(s.get(2).b()).isEqualTo(0.125);
    }

    @Test
    void defaultTargetIsTheSharedLabelWhoseScoresDifferMost() {
        List<CaseComparison.LabelScores> s = List.of(new CaseComparison.LabelScores("nodule", 0.2, 0.3),
                new CaseComparison.LabelScores("effusion", 0.9, 0.4), new CaseComparison.LabelScores("only-b", Double.NaN, 1.0));
        assertThat(CaseComparison.largestDifference(s)).isEqualTo("effusion");
        assertThat(CaseComparison.largestDifference(List.of(new CaseComparison.LabelScores("x", Double.NaN, 1)))).isNull();
    }
}
