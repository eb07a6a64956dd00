package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files GlassBox writes have normal permissions (0666 less the umask), not createTempFile's 0600. */
class OutputPermissionsTest {
    @TempDir
    Path dir;

    private Object defaultPermissions() throws IOException {
        return Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
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
    void npyOutputsHaveDefaultPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path npy = dir.resolve("m.npy");
        NpyIO.write(NpyArray.ofUint8(new byte[] {0, 1, 1, 0}, 2, 2), npy);
        assertThat(Files.getPosixFilePermissions(npy)).isEqualTo(defaultPermissions());
    }
}
