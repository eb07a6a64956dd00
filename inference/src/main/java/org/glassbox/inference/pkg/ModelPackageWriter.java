package org.glassbox.inference.pkg;

import org.glassbox.core.io.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model package — model.json, the weights, any extra files and SHA256SUMS — as a folder or
 * a zip, atomically: everything is written to a temporary sibling and renamed into place, so a
 * reader sees the old package or the complete new one, never half of one. Hashes are computed over
 * the bytes actually written.
 *
 * <pre>{@code
 * String sha = ModelPackageWriter.forManifest(manifest)
 *         .weights(trainedZip)
 *         .file("README.md", card)
 *         .writeFolder(Path.of("resources/models/demo-v1"));
 * }</pre>
 *
 * <p>Zips are reproducible: fixed entry order (model.json, then the other files by name,
 * SHA256SUMS last) and a fixed timestamp. Not thread-safe; one writer per package.
 */
public final class ModelPackageWriter {
    /** 1980-01-01T00:00 local, the zip format's epoch: entries carry no build time. */
    private static final long ZIP_TIME = 315_532_800_000L;

    private final byte[] manifest;
    private final String weightsName;
    private final Map<String, Object> files = new LinkedHashMap<>();

    private ModelPackageWriter(byte[] manifest, String weightsName) {
        this.manifest = manifest;
        this.weightsName = weightsName;
    }

    /** A writer for a valid manifest. @throws ModelPackageException listing what is invalid */
    public static ModelPackageWriter forManifest(ModelManifest manifest) throws ModelPackageException {
        ManifestValidator.validate(manifest, ModelPackageLayout.MANIFEST);
        return new ModelPackageWriter(new ManifestJson().write(manifest), manifest.weights().file());
    }

    /**
     * A writer that stores {@code modelJson} as is, unvalidated: for tests of refusals (malformed
     * manifests must still be hashed correctly to reach the manifest check).
     */
    public static ModelPackageWriter forRawManifest(byte[] modelJson) {
        return new ModelPackageWriter(modelJson.clone(), null);
    }

    /** Adds the weights under the manifest's {@code weights.file} name. */
    public ModelPackageWriter weights(Path weightsFile) {
        if (weightsName == null) {
            throw new IllegalStateException("raw manifest: add the weights with file(name, path)");
        }
        return file(weightsName, weightsFile);
    }

    /** Adds a file copied from {@code content}. */
    public ModelPackageWriter file(String name, Path content) {
        return add(name, content);
    }

    /** Adds a file with these bytes. */
    public ModelPackageWriter file(String name, byte[] content) {
        return add(name, content.clone());
    }

    private ModelPackageWriter add(String name, Object content) {
        String problem = PackageFileNames.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("package file name " + problem);
        }
        if (name.equals(ModelPackageLayout.MANIFEST) || name.equals(ModelPackageLayout.SUMS)) {
            throw new IllegalArgumentException(name + " is written by the package writer itself");
        }
        if (files.putIfAbsent(name, content) != null) {
            throw new IllegalArgumentException(name + " added twice");
        }
        return this;
    }

    /**
     * Writes the package as folder {@code target}, replacing an existing package there.
     *
     * @return the package identity: SHA-256 of its SHA256SUMS
     */
    public String writeFolder(Path target) throws IOException {
        checkWeightsAdded();
        Path dir = target.toAbsolutePath().normalize();
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".tmp-");
        try {
            shareable(tmp, "rwxr-xr-x");
            Map<String, String> hashes = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : entries().entrySet()) {
                Path out = tmp.resolve(e.getKey());
                try (OutputStream os = Files.newOutputStream(out)) {
                    hashes.put(e.getKey(), copyHashing(e.getValue(), os));
                }
            }
            byte[] sums = new Sha256Sums(hashes).format();
            Files.write(tmp.resolve(ModelPackageLayout.SUMS), sums);
            replaceDirectory(tmp, dir);
            return Sha256.hex(sums);
        } finally {
            FileTrees.deleteTree(tmp);
        }
    }

    /**
     * Writes the package as zip file {@code target} (flat entries), replacing an existing file.
     *
     * @return the package identity: SHA-256 of its SHA256SUMS
     */
    public String writeZip(Path target) throws IOException {
        checkWeightsAdded();
        Path file = target.toAbsolutePath().normalize();
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".tmp-", ".zip");
        try {
            shareable(tmp, "rw-r--r--");
            byte[] sums;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                Map<String, String> hashes = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : entries().entrySet()) {
                    zip.putNextEntry(entry(e.getKey()));
                    hashes.put(e.getKey(), copyHashing(e.getValue(), new NonClosing(zip)));
                    zip.closeEntry();
                }
                sums = new Sha256Sums(hashes).format();
                zip.putNextEntry(entry(ModelPackageLayout.SUMS));
                zip.write(sums);
                zip.closeEntry();
            }
            move(tmp, file);
            return Sha256.hex(sums);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void checkWeightsAdded() {
        if (weightsName != null && !files.containsKey(weightsName)) {
            throw new IllegalStateException("weights file " + weightsName + " (named in model.json) was not added");
        }
    }

    /** model.json first, then the other files by name. */
    private Map<String, Object> entries() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put(ModelPackageLayout.MANIFEST, manifest);
        files.keySet().stream().sorted().forEach(name -> ordered.put(name, files.get(name)));
        return ordered;
    }

    /**
     * Temporary files and folders are created owner-only; a package is meant to be shared like any
     * other file, so it gets the usual permissions once renamed into place.
     */
    private static void shareable(Path p, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ZIP_TIME);
        return entry;
    }

    private static String copyHashing(Object content, OutputStream os) throws IOException {
        MessageDigest md = Sha256.digest();
        DigestOutputStream out = new DigestOutputStream(os, md);
        if (content instanceof byte[] bytes) {
            out.write(bytes);
        } else {
            try (InputStream in = Files.newInputStream((Path) content)) {
                in.transferTo(out);
            }
        }
        out.flush();
        return HexFormat.of().formatHex(md.digest());
    }

    /** Renames {@code fresh} to {@code dir}; an old package there is moved aside first, then deleted. */
    private static void replaceDirectory(Path fresh, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".old-");
            Files.delete(old);
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (old != null) {
            FileTrees.deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }


    /** Lets a copy write into a zip entry without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
