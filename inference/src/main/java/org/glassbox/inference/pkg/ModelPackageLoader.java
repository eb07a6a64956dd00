package org.glassbox.inference.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens what a user passes as a model — a package folder, a zipped package, or a bare .onnx file —
 * and refuses it unless every hash matches and model.json is valid. A zip is extracted safely
 * ({@link SafeZipExtractor}) into a temporary folder under {@code scratch}, deleted when the
 * returned package is closed (or at once when the package is refused).
 */
public final class ModelPackageLoader {
    private final PackageLimits limits;
    private final Path scratch;
    private final SignaturePolicy signatures;
    private final FolderVerifier verifier = new FolderVerifier();

    /** Default limits; zips extract under the system temporary folder. */
    public ModelPackageLoader() {
        this(PackageLimits.DEFAULT, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public ModelPackageLoader(PackageLimits limits, Path scratch) {
        this(limits, scratch, SignaturePolicy.NONE);
    }

    /** @param signatures which SIGNATUREs are accepted (a workspace's trusted keys and requireSignature) */
    public ModelPackageLoader(PackageLimits limits, Path scratch, SignaturePolicy signatures) {
        this.limits = limits;
        this.scratch = scratch;
        this.signatures = signatures;
    }

    /** Default limits and scratch folder, with {@code signatures}. */
    public ModelPackageLoader(SignaturePolicy signatures) {
        this(PackageLimits.DEFAULT, Path.of(System.getProperty("java.io.tmpdir")), signatures);
    }

    /** What kind of thing a path is. */
    public enum Kind { FOLDER, ZIP, ONNX }

    /** @throws ModelPackageException when {@code path} is none of the three */
    public static Kind kindOf(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return Kind.FOLDER;
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelPackageException(path + ": no such file or folder");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return Kind.ONNX;
        }
        if (name.endsWith(".zip") || startsWithZipMagic(path)) {
            return Kind.ZIP;
        }
        throw new ModelPackageException(path + ": not a model package (expected a package folder, a .zip or an .onnx file)");
    }

    /** Opens a package (for a bare .onnx file, with default options). */
    public ModelPackage open(Path path) throws IOException {
        return open(path, BareOnnxOptions.DEFAULTS);
    }

    /**
     * @param onnx used only when {@code path} is a bare .onnx file
     * @throws ModelPackageException the first problem found, "(and N more)" when there are several
     */
    public ModelPackage open(Path path, BareOnnxOptions onnx) throws IOException {
        Kind kind = kindOf(path);
        if (kind == Kind.ONNX) {
            if (signatures.requireSignature()) {
                throw new ModelPackageException(bareOnnxUnsigned(path));
            }
            return BareOnnxManifests.open(path, onnx);
        }
        Path dir = path;
        Path extracted = null;
        try {
            if (kind == Kind.ZIP) {
                extracted = extract(path);
                dir = extracted;
            }
            FolderVerifier.Result r = verifier.verify(dir, path.toString(), signatures);
            List<String> problems = r.verification().problems();
            if (!problems.isEmpty()) {
                throw new ModelPackageException(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
            }
            ModelPackage pkg = new ModelPackage(path, r.manifest(), r.manifestJson(), r.verification().identity(),
                    dir.resolve(r.manifest().weights().file()), false, extracted);
            extracted = null;
            return pkg;
        } finally {
            if (extracted != null) {
                org.glassbox.core.io.FileTrees.deleteTree(extracted);
            }
        }
    }

    /**
     * Checks a package and lists every problem (nothing thrown for bad hashes or a bad manifest).
     * A bare .onnx file has no hashes to check: it passes when its graph can be read and a manifest
     * synthesised.
     */
    public PackageVerification verify(Path path, BareOnnxOptions onnx) throws IOException {
        Kind kind;
        try {
            kind = kindOf(path);
        } catch (ModelPackageException e) {
            return new PackageVerification(path.toString(), null, List.of(), List.of(e.getMessage()));
        }
        if (kind == Kind.ONNX) {
            try (ModelPackage pkg = BareOnnxManifests.open(path, onnx)) {
                return new PackageVerification(path.toString(), pkg.identity(), List.of(),
                        signatures.requireSignature() ? List.of(bareOnnxUnsigned(path)) : List.of());
            } catch (ModelPackageException e) {
                return new PackageVerification(path.toString(), null, List.of(), List.of(e.getMessage()));
            }
        }
        Path extracted = null;
        try {
            Path dir = path;
            if (kind == Kind.ZIP) {
                try {
                    extracted = extract(path);
                } catch (ModelPackageException e) {
                    return new PackageVerification(path.toString(), null, List.of(), List.of(e.getMessage()));
                }
                dir = extracted;
            }
            return verifier.verify(dir, path.toString(), signatures).verification();
        } finally {
            if (extracted != null) {
                org.glassbox.core.io.FileTrees.deleteTree(extracted);
            }
        }
    }

    private static String bareOnnxUnsigned(Path path) {
        return path + ": a bare .onnx file cannot carry a signature, and this workspace requires one (models.requireSignature);"
                + " put it in a package and sign that (glassbox models sign)";
    }

    private Path extract(Path zip) throws IOException {
        Files.createDirectories(scratch);
        Path into = Files.createTempDirectory(scratch, "glassbox-pkg-");
        try {
            new SafeZipExtractor(limits).extract(zip, into);
            return into;
        } catch (IOException | RuntimeException e) {
            org.glassbox.core.io.FileTrees.deleteTree(into);
            throw e;
        }
    }

    private static boolean startsWithZipMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }
}
