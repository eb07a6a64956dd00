package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Putting a copied demo package into place when another process may have done it first. */
class DemoModelsTest {
    @TempDir
    Path dir;

    private static Path pkg(Path folder, String content) throws IOException {
        Files.createDirectories(folder);
        for (String file : DemoModels.FILES) {
            Files.writeString(folder.resolve(file), content);
        }
        return folder;
    }

    @Test
    void theCopyIsRenamedIntoPlaceWhenTheTargetIsAbsent() throws Exception {
        Path tmp = pkg(dir.resolve(".demo-v1.tmp-1"), "ours");
        Path target = dir.resolve("demo-v1");
        DemoModels.moveIntoPlace(tmp, target);
        assertThat(target.resolve("model.json")).hasContent("ours");
        assertThat(tmp).doesNotExist();
    }

    /** A second first run racing the first: the rename onto their non-empty folder fails ("Directory not empty"). */
    @Test
    void aWholePackagePutInPlaceByAnotherProcessIsKept() throws Exception {
        Path target = pkg(dir.resolve("demo-v1"), "theirs");
        Path tmp = pkg(dir.resolve(".demo-v1.tmp-2"), "ours");
        DemoModels.moveIntoPlace(tmp, target);
        assertThat(target.resolve("model.json")).hasContent("theirs");
        assertThat(target.resolve("weights.zip")).hasContent("theirs");
    }

    @Test
    void anIncompleteFolderInTheWayIsReportedByName() throws Exception {
        Path target = dir.resolve("demo-v1");
        Files.createDirectories(target);
        Files.writeString(target.resolve("notes.txt"), "not a package");
        Path tmp = pkg(dir.resolve(".demo-v1.tmp-3"), "ours");
        assertThatThrownBy(() -> DemoModels.moveIntoPlace(tmp, target)).isInstanceOf(IOException.class)
                .hasMessageContaining(target.toString()).hasMessageContaining("model.json");
    }
}
