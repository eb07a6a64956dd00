package org.glassbox.core.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.glassbox.core.crypto.KeyedHash;

/**
 * A GlassBox workspace: one folder holding the catalog and everything derived from imports.
 *
 * <pre>
 * catalog.sqlite   the SQLite catalog (WAL mode; -wal and -shm files sit beside it)
 * cache/           heatmaps, embeddings (later issues)
 * audit.log        append-only audit trail (later issues)
 * quarantine/      copies of files the de-identification gate held back (policy QUARANTINE)
 * exports/         CSV / JSON / DICOM exports
 * deidentified/    de-identified copies written by the gate (policy DEIDENTIFY); these are catalogued
 * secret.key       32 random bytes, owner read/write only: the key of the workspace's {@link KeyedHash}
 * settings.properties  optional settings ({@link WorkspaceSettings}): audit pseudonym, signature policy
 * trusted-keys/    optional: Ed25519 public keys (X.509 SubjectPublicKeyInfo PEM, *.pub) trusted to sign models
 * </pre>
 *
 * <p>The key never leaves the workspace: pseudonyms and site keys computed with it are stable
 * within this workspace and unlinkable across workspaces. Deleting it breaks that stability.
 */
public final class Workspace {
    static final String KEY_FILE = "secret.key";
    static final int KEY_BYTES = 32;

    private final Path root;
    private final KeyedHash keyedHash;

    private Workspace(Path root, KeyedHash keyedHash) {
        this.root = root;
        this.keyedHash = keyedHash;
    }

    /**
     * Opens the workspace at {@code root}, creating the folder, its sub-folders and the secret key
     * on first use. Safe to call concurrently: the key is created once (atomic move without
     * replace) and whoever loses the race reads the winner's key.
     *
     * @throws IOException when the folder cannot be created or the key file is unreadable or not
     *                     {@value #KEY_BYTES} bytes long
     */
    public static Workspace open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        for (String sub : new String[] {"cache", "quarantine", "exports", "deidentified"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        return new Workspace(dir, new KeyedHash(loadOrCreateKey(dir.resolve(KEY_FILE))));
    }

    private static byte[] loadOrCreateKey(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            Path tmp = createOwnerOnlyTemp(keyFile.getParent());
            try {
                Files.write(tmp, key);
                Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another process created it first (or the file system cannot move atomically
                // without replacing): keep whichever key is there.
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length != KEY_BYTES) {
            throw new IOException(keyFile + ": workspace key must be " + KEY_BYTES + " bytes, found " + key.length);
        }
        return key;
    }

    private static Path createOwnerOnlyTemp(Path dir) throws IOException {
        try {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            return Files.createTempFile(dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (e.g. Windows): rely on the user profile's ACLs.
            return Files.createTempFile(dir, ".key", ".tmp");
        }
    }

    /** The workspace folder (absolute, normalised). */
    public Path root() {
        return root;
    }

    public Path catalogFile() {
        return root.resolve("catalog.sqlite");
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    public Path auditLog() {
        return root.resolve("audit.log");
    }

    public Path quarantineDir() {
        return root.resolve("quarantine");
    }

    public Path exportsDir() {
        return root.resolve("exports");
    }

    public Path deidentifiedDir() {
        return root.resolve("deidentified");
    }

    /** Optional settings file (see {@link WorkspaceSettings}). */
    public Path settingsFile() {
        return root.resolve(WorkspaceSettings.FILE);
    }

    /** Optional folder of trusted model-signing public keys ({@code *.pub}). */
    public Path trustedKeysDir() {
        return root.resolve("trusted-keys");
    }

    /** The settings in {@link #settingsFile()} (defaults when it is absent), read now. */
    public WorkspaceSettings settings() throws IOException {
        return WorkspaceSettings.load(settingsFile());
    }

    public Path keyFile() {
        return root.resolve(KEY_FILE);
    }

    /** HMAC-SHA256 under this workspace's secret key (pseudonyms, site keys). */
    public KeyedHash keyedHash() {
        return keyedHash;
    }

    @Override
    public String toString() {
        return "Workspace[" + root + "]";
    }

    /** For callers that cannot throw checked exceptions. */
    public static Workspace openUnchecked(Path root) {
        try {
            return open(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
