package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a workspace still needs the demo cohort (the seeding itself is covered by the GUI tests). */
class DemoWorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyWorkspaceNeedsSeeding() throws Exception {
        assertThat(DemoWorkspace.needsSeeding(Workspace.open(dir.resolve("ws")))).isTrue();
    }

    @Test
    void aCohortGeneratedByAFirstRunStoppedBeforeItsImportStillNeedsSeedingUntilTheMarkerIsWritten() throws Exception {
        Workspace ws = Workspace.open(dir.resolve("ws"));
        Files.createDirectories(ws.root().resolve(DemoWorkspace.FOLDER));
        assertThat(DemoWorkspace.needsSeeding(ws)).isTrue();

        DemoWorkspace.markSeeded(ws);
        assertThat(ws.root().resolve(DemoWorkspace.SEEDED_MARKER)).isRegularFile();
        assertThat(DemoWorkspace.needsSeeding(ws)).isFalse();
    }
}
