package org.glassbox.core.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an import killed mid-way leaves in the workspace's {@code deidentified/} folder, and its
 * removal. A de-identified copy is written under a temporary name starting with a dot
 * ({@code .<uid>-<n>.pending}, and the rewriter's own {@code ..<uid>-<n>.pending.<n>.tmp}) and
 * linked to {@code <SOP Instance UID>.dcm} while its batch is catalogued. A kill (SIGKILL, power
 * button) leaves the temporary files behind; found by the crash-safety harness (issue 7 §5), they
 * are removed here. A copy placed but not committed is not removed: re-importing the same file
 * derives the same name and content and re-uses it, and a file at a target that GlassBox did not
 * write is never touched (ImportPipelineTest#anExistingFileAtTheTargetIsNeverReplaced).
 *
 * <p>Imports hold a shared lock on the workspace's {@code .import.lock} while they run; the sweep
 * runs only when it can take the lock exclusively, i.e. when no other import (in any process) is
 * writing copies that are not catalogued yet. The OS releases the lock of a killed process.
 */
final class LeftoverCopies implements AutoCloseable {
    /** The lock file's name in the workspace folder. */
    static final String LOCK_FILE = ".import.lock";
    private final FileChannel channel;
    private final FileLock shared;

    private LeftoverCopies(FileChannel channel, FileLock shared) {
        this.channel = channel;
        this.shared = shared;
    }

    /**
     * Sweeps leftovers when no other import is running, then holds a shared lock until
     * {@link #close()}. Never fails the import: a folder that cannot be locked or swept is left as is.
     *
     * @return the held lock (close it when the import ends)
     */
    static LeftoverCopies sweepAndHold(Path workspaceDir, Path deidentifiedDir) {
        FileChannel ch = null;
        try {
            Files.createDirectories(deidentifiedDir);
            ch = FileChannel.open(workspaceDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock exclusive = tryLock(ch, false);
            if (exclusive != null) {
                try {
                    sweep(deidentifiedDir);
                } finally {
                    exclusive.release();
                }
            }
            return new LeftoverCopies(ch, tryLock(ch, true));
        } catch (IOException | RuntimeException e) {
            // Locking is advisory housekeeping; an import must not fail for it.
            closeQuietly(ch);
            return new LeftoverCopies(null, null);
        }
    }

    private static FileLock tryLock(FileChannel ch, boolean shared) throws IOException {
        try {
            return ch.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null; // another import in this JVM holds it
        }
    }

    /** Deletes the temporary files (names starting with a dot) in the folder; returns how many. */
    static int sweep(Path deidentifiedDir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(deidentifiedDir)) {
            files = s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
        int removed = 0;
        for (Path f : files) {
            if (Files.deleteIfExists(f)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public void close() {
        try {
            if (shared != null) {
                shared.release();
            }
        } catch (IOException e) {
            // Released with the channel below anyway.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Nothing held any more.
            }
        }
    }
}
