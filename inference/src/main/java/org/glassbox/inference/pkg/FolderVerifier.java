package org.glassbox.inference.pkg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.glassbox.inference.pkg.PackageVerification.FileCheck;
import org.glassbox.inference.pkg.PackageVerification.Status;

/**
 * Checks a package folder: SHA256SUMS present and well-formed; every listed file present, a regular
 * file, with the listed hash; no file present but unlisted; then model.json against the schema and
 * its weights file among the listed ones. Collects every problem rather than stopping at the first,
 * so {@code models verify} can show them all.
 */
final class FolderVerifier {
    /** The verification, plus the manifest when everything passed. */
    record Result(PackageVerification verification, ModelManifest manifest, byte[] manifestJson) {
    }

    private final ManifestJson json = new ManifestJson();

    /**
     * @param dir   the package files (the folder itself, or a zip's extracted copy)
     * @param label how messages name the package (the path the user gave)
     */
    Result verify(Path dir, String label) throws IOException {
        return verify(dir, label, SignaturePolicy.NONE);
    }

    /** As {@link #verify(Path, String)}, also checking the optional SIGNATURE against {@code policy}. */
    Result verify(Path dir, String label, SignaturePolicy policy) throws IOException {
        List<String> problems = new ArrayList<>();
        List<FileCheck> checks = new ArrayList<>();
        Path sumsFile = dir.resolve(ModelPackageLayout.SUMS);
        if (!Files.isRegularFile(sumsFile, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(label + ": " + ModelPackageLayout.SUMS + " is missing (every package lists its files' SHA-256 there)");
            return new Result(new PackageVerification(label, null, checks, problems), null, null);
        }
        byte[] sumsBytes = Files.size(sumsFile) > Sha256Sums.MAX_BYTES ? new byte[Sha256Sums.MAX_BYTES + 1] : Files.readAllBytes(sumsFile);
        String identity = Sha256.hex(sumsBytes);
        Sha256Sums sums;
        try {
            sums = Sha256Sums.parse(sumsBytes, label + "/" + ModelPackageLayout.SUMS);
        } catch (ModelPackageException e) {
            problems.add(e.getMessage());
            return new Result(new PackageVerification(label, null, checks, problems), null, null);
        }
        if (sums.hashes().containsKey(PackageSignature.FILE)) {
            problems.add(label + ": " + ModelPackageLayout.SUMS + " lists " + PackageSignature.FILE
                    + ", which signs SHA256SUMS and so cannot be listed in it");
        }
        SignatureCheck signature = PackageSignature.check(dir, sumsBytes, policy.trusted(), label);
        TreeSet<String> present = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.equals(ModelPackageLayout.SUMS) || name.equals(PackageSignature.FILE)) {
                    continue; // not listed in SHA256SUMS: the signature covers SHA256SUMS itself
                }
                if (Files.isSymbolicLink(p)) {
                    problems.add(label + ": " + name + " is a symbolic link (packages hold regular files only)");
                } else if (Files.isDirectory(p)) {
                    problems.add(label + ": " + name + " is a folder (packages are flat)");
                } else {
                    present.add(name);
                }
            }
        }
        TreeSet<String> all = new TreeSet<>(present);
        all.addAll(sums.hashes().keySet());
        for (String name : all) {
            String expected = sums.hashes().get(name);
            if (expected == null) {
                checks.add(new FileCheck(name, Status.UNLISTED, null, Sha256.hex(dir.resolve(name))));
                problems.add(label + ": " + name + " is present but not listed in " + ModelPackageLayout.SUMS);
            } else if (!present.contains(name)) {
                checks.add(new FileCheck(name, Status.MISSING, expected, null));
                problems.add(label + ": " + name + " is listed in " + ModelPackageLayout.SUMS + " but missing");
            } else {
                String actual = Sha256.hex(dir.resolve(name));
                boolean match = actual.equals(expected);
                checks.add(new FileCheck(name, match ? Status.OK : Status.MISMATCH, expected, actual));
                if (!match) {
                    problems.add(label + ": " + name + ": SHA-256 does not match " + ModelPackageLayout.SUMS + " (listed "
                            + expected.substring(0, 12) + "…, file has " + actual.substring(0, 12) + "…)");
                }
            }
        }
        ModelManifest manifest = null;
        byte[] manifestJson = null;
        if (!sums.hashes().containsKey(ModelPackageLayout.MANIFEST)) {
            if (!present.contains(ModelPackageLayout.MANIFEST)) {
                problems.add(label + ": " + ModelPackageLayout.MANIFEST + " is missing");
            }
        } else if (problems.isEmpty()) {
            // Only a manifest whose hash matched is worth reading.
            manifestJson = Files.readAllBytes(dir.resolve(ModelPackageLayout.MANIFEST));
            try {
                manifest = json.read(manifestJson, label + "/" + ModelPackageLayout.MANIFEST);
                if (!sums.hashes().containsKey(manifest.weights().file())) {
                    problems.add(label + ": weights file " + manifest.weights().file() + " named in model.json is not in the package");
                    manifest = null;
                }
            } catch (ModelPackageException e) {
                problems.add(e.getMessage());
            }
        }
        String refusal = policy.refusal(signature, label);
        if (refusal != null) {
            problems.add(refusal);
        }
        return new Result(new PackageVerification(label, identity, checks, problems, signature), problems.isEmpty() ? manifest : null, manifestJson);
    }
}
