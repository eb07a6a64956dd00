package org.glassbox.core.io;

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
