package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** Permissions a plain new file gets here (0666 less the umask): what every output file should have. */
    private Object defaultPermissions() throws IOException {
        return Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
    }

    @Test
    void outputHasDefaultPermissionsNotOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("out/a.bin");
        AtomicFiles.write(target, temp -> Files.write(temp, new byte[] {1, 2}));
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2);
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(defaultPermissions());
    }

    @Test
    void writerAndRewriterOutputsHaveDefaultPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        TestImages.Image img = TestImages.create(8, 8, 1, 1, 16, 12, false, "MONOCHROME2", 5);
        Path written = dir.resolve("w.dcm");
        Dicom.writer().write(img.dataset(), img.frames(), written);
        Path rewritten = dir.resolve("r.dcm");
        Dicom.rewriter().rewrite(written, rewritten, (path, e) -> ElementEdit.KEEP, DicomDataset.empty(), null);
        Object expected = defaultPermissions();
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(rewritten)).isEqualTo(expected);
    }

    @Test
    void failedBodyLeavesNothingAndKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("keep.bin");
        Files.write(target, new byte[] {9});
        assertThatThrownBy(() -> AtomicFiles.write(target, temp -> {
            Files.write(temp, new byte[] {1});
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readAllBytes(target)).containsExactly(9);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("keep.bin"));
        }
    }
}
