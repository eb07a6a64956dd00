package org.glassbox.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a file through a temporary sibling and an atomic rename, so a reader never sees half a
 * file. The temporary file is created with the default permissions (0666 less the umask, as any
 * program's output), not the owner-only 0600 of {@link Files#createTempFile}, and the rename keeps
 * them.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes the content of the file at the given (temporary) path. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Path temp) throws IOException;
    }

    /**
     * Creates {@code target}'s folder if needed, lets {@code body} fill a new temporary file in
     * that folder, then renames it onto {@code target} (replacing it). On failure the temporary
     * file is deleted and {@code target} is untouched.
     */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path temp = createTemp(dir, abs.getFileName().toString());
        try {
            body.writeTo(temp);
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A new empty hidden sibling {@code .<name>.<random>.tmp}, created exclusively with default permissions. */
    private static Path createTemp(Path dir, String name) throws IOException {
        byte[] suffix = new byte[8];
        for (int attempt = 0; ; attempt++) {
            RANDOM.nextBytes(suffix);
            Path temp = dir.resolve("." + name + "." + HexFormat.of().formatHex(suffix) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
