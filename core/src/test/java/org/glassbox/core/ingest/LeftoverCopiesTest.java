package org.glassbox.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverCopiesTest {
    @TempDir
    Path ws;

    private Path deid() throws Exception {
        return Files.createDirectories(ws.resolve("deidentified"));
    }

    @Test
    void temporaryCopiesAreRemovedWhenNoImportRuns() throws Exception {
        Path pending = Files.writeString(deid().resolve(".2.25.7-123.pending"), "half a copy");
        Path rewriterTemp = Files.writeString(deid().resolve("..2.25.7-123.pending.5f3a.tmp"), "a quarter of a copy");
        Path placed = Files.writeString(deid().resolve("2.25.8.dcm"), "placed, not committed: re-used by a rerun, or someone else's");
        try (LeftoverCopies held = LeftoverCopies.sweepAndHold(ws, deid())) {
            assertThat(pending).doesNotExist();
            assertThat(rewriterTemp).doesNotExist();
            assertThat(placed).exists();
        }
    }

    @Test
    void nothingIsRemovedWhileAnotherImportHoldsTheWorkspace() throws Exception {
        Path pending = Files.writeString(deid().resolve(".2.25.7-123.pending"), "another import's copy in progress");
        // Another process's import: its shared lock. A second channel in this JVM stands in for it.
        try (FileChannel other = FileChannel.open(ws.resolve(LeftoverCopies.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = other.lock(0, Long.MAX_VALUE, true);
             LeftoverCopies held = LeftoverCopies.sweepAndHold(ws, deid())) {
            assertThat(lock.isValid()).isTrue();
            assertThat(pending).exists();
        }
    }
}
