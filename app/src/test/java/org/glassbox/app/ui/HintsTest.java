package org.glassbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HintsTest {
    @Test
    void missingScoresPointToTheMenuOtherProblemsAreLeftAlone() {
        assertThat(Hints.withScoringHint("model m 1 (sha256 ab) has no scores in workspace /w; run: ./glassbox infer --model m workspace"))
                .startsWith("model m 1").endsWith("Models ▸ Score all cases with models A and B (Ctrl+Shift+S).");
        assertThat(Hints.withScoringHint("the workspace has no images")).isEqualTo("the workspace has no images");
        assertThat(Hints.withScoringHint(null)).isNull();
    }
}
