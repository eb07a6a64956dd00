package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewerPseudonymTest {
    @TempDir
    Path dir;

    @Test
    void remembersThePseudonymKeepingOtherSettingsAndComments() throws Exception {
        Workspace ws = Workspace.open(dir.resolve("ws"));
        assertThat(ReviewerPseudonym.remembered(ws)).isEmpty();
        Files.writeString(ws.settingsFile(), "# mine\naudit.user = AU-1\nmodels.requireSignature = false\n");
        assertThat(ReviewerPseudonym.remembered(ws)).isEqualTo("AU-1"); // falls back to audit.user
        ReviewerPseudonym.remember(ws, "R-07");
        ReviewerPseudonym.remember(ws, "R-08");
        assertThat(ReviewerPseudonym.remembered(ws)).isEqualTo("R-08");
        assertThat(Files.readAllLines(ws.settingsFile())).containsExactly("# mine", "audit.user = AU-1", "models.requireSignature = false",
                "flags.reviewer = R-08");
        assertThat(ws.settings().auditUser()).isEqualTo("AU-1");
    }

    @Test
    void refusesBlankAndNameLikePseudonyms() {
        assertThat(ReviewerPseudonym.problem(" ")).contains("required");
        assertThat(ReviewerPseudonym.problem("Jane Doe")).contains("not a name");
        assertThat(ReviewerPseudonym.problem("R-07")).isNull();
        assertThatThrownBy(() -> ReviewerPseudonym.remember(Workspace.open(dir.resolve("w2")), "Jane Doe"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
