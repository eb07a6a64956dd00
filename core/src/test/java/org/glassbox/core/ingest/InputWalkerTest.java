package org.glassbox.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.testing.FakeDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputWalkerTest {
    @TempDir
    Path tmp;

    private final InputWalker walker = new InputWalker(new FakeDicom());

    @Test
    void symlinkedFilesAndFoldersAreFollowedAndLoopsDoNotHang() throws IOException {
        Path archive = Files.createDirectories(tmp.resolve("archive"));
        Path real = FakeDicom.write(archive.resolve("a.dcm"), FakeDicom.instance("1.1", "1.2", "1.3"));
        Path realDir = Files.createDirectories(archive.resolve("more"));
        Path inner = FakeDicom.write(realDir.resolve("b.dcm"), FakeDicom.instance("2.1", "2.2", "2.3"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path link = Files.createSymbolicLink(in.resolve("a-link.dcm"), real);
        Path dirLink = Files.createSymbolicLink(in.resolve("more-link"), realDir);
        Files.createSymbolicLink(realDir.resolve("loop"), realDir); // more/loop -> more
        Files.createSymbolicLink(in.resolve("dangling.dcm"), tmp.resolve("nowhere.dcm"));

        InputWalker.Inputs inputs = walker.walk(List.of(in));
        assertThat(inputs.files()).containsExactly(link.toAbsolutePath(), dirLink.resolve("b.dcm").toAbsolutePath());
        assertThat(Files.isSameFile(inputs.files().get(1), inner)).isTrue();
        assertThat(inputs.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(in.resolve("dangling.dcm"));
            assertThat(p.reason()).contains("broken symbolic link");
        });
        assertThat(inputs.emptyFolders()).isEmpty();
    }

    @Test
    void aFolderWithNothingToImportIsReported() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("truth.csv"), "not dicom");
        InputWalker.Inputs inputs = walker.walk(List.of(empty));
        assertThat(inputs.files()).isEmpty();
        assertThat(inputs.emptyFolders()).containsExactly(empty);
    }

    @Test
    void aFileListedInADicomdirButMissingSaysSo() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        FakeDicom.write(in.resolve("a.dcm"), FakeDicom.instance("1.1", "1.2", "1.3"));
        Path dicomdir = Files.writeString(in.resolve("DICOMDIR"), "FAKEDICOMDIR\na.dcm\ngone.dcm\n");
        InputWalker.Inputs inputs = walker.walk(List.of(dicomdir));
        assertThat(inputs.files()).containsExactly(in.resolve("a.dcm").toAbsolutePath());
        assertThat(inputs.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(in.resolve("gone.dcm").toAbsolutePath());
            assertThat(p.reason()).isEqualTo("referenced by DICOMDIR " + dicomdir + " but missing");
        });
    }

    @Test
    void aCancelStopsTheWalkPartWayAndMarksItTruncated() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("many"));
        for (int d = 0; d < 5; d++) {
            for (int f = 0; f < 4; f++) {
                FakeDicom.write(in.resolve("d" + d + "/f" + f + ".dcm"), FakeDicom.instance("1." + d + "." + f, "2." + d, "3." + d));
            }
        }
        assertThat(walker.walk(List.of(in)).truncated()).isFalse();
        org.glassbox.core.task.CancelToken cancel = new org.glassbox.core.task.CancelToken();
        cancel.cancel();
        InputWalker.Inputs stopped = walker.walk(List.of(in), cancel);
        assertThat(stopped.truncated()).isTrue();
        assertThat(stopped.files()).isEmpty();
    }
}
