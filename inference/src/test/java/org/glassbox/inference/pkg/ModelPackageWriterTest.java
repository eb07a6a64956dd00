package org.glassbox.inference.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages are written through owner-only temporary siblings but end up readable by others, like any shared file. */
class ModelPackageWriterTest {
    @TempDir
    Path tmp;

    @Test
    void folderAndZipAreReadableByOthers() throws IOException {
        assumeTrue(Files.getFileStore(tmp).supportsFileAttributeView("posix"), "POSIX permissions");
        ModelPackageWriter w = ModelPackageWriter.forManifest(TestManifests.valid())
                .file(TestManifests.valid().weights().file(), "weights".getBytes(StandardCharsets.UTF_8));
        Path dir = tmp.resolve("pkg");
        Path zip = tmp.resolve("pkg.zip");
        String a = w.writeFolder(dir);
        String b = w.writeZip(zip);
        assertThat(a).isEqualTo(b);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip))).isEqualTo("rw-r--r--");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pkg", "pkg.zip");
        }
    }
}
