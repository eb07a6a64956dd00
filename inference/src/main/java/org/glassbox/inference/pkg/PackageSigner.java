package org.glassbox.inference.pkg;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.glassbox.core.io.AtomicFiles;

/**
 * Signs a model package (folder or .zip): checks every hash first (a package is signed only as it
 * verifies), then writes {@link PackageSignature#FILE} over its SHA256SUMS. The package identity does
 * not change. A previous SIGNATURE is replaced.
 */
public final class PackageSigner {
    /**
     * @return the key id of the signature written
     * @throws ModelPackageException when the package does not verify (naming the problem) or is a bare .onnx file
     */
    public String sign(Path pkg, PrivateKey key, PublicKey publicKey) throws IOException {
        ModelPackageLoader.Kind kind = ModelPackageLoader.kindOf(pkg);
        if (kind == ModelPackageLoader.Kind.ONNX) {
            throw new ModelPackageException(pkg + ": a bare .onnx file cannot be signed; put it in a package first");
        }
        // Check hashes and model.json; an old signature does not matter, it is about to be replaced.
        PackageVerification v = new ModelPackageLoader(SignaturePolicy.NONE).verify(pkg, BareOnnxOptions.DEFAULTS);
        // Only the policy's verdict on the old signature is ignored; any other problem — including a
        // SHA256SUMS that lists SIGNATURE, which a new signature cannot mend — stops the signing.
        String oldSignatureRefusal = SignaturePolicy.NONE.refusal(v.signature(), v.source());
        List<String> problems = v.problems().stream().filter(p -> !p.equals(oldSignatureRefusal)).toList();
        if (!problems.isEmpty()) {
            throw new ModelPackageException(problems.get(0) + " — not signing a package that does not verify");
        }
        if (kind == ModelPackageLoader.Kind.FOLDER) {
            byte[] signature = PackageSignature.sign(Files.readAllBytes(pkg.resolve(ModelPackageLayout.SUMS)), key, publicKey);
            AtomicFiles.write(pkg.resolve(PackageSignature.FILE), temp -> Files.write(temp, signature));
        } else {
            signZip(pkg, key, publicKey);
        }
        return SigningKeys.keyId(publicKey);
    }

    /**
     * Adds SIGNATURE beside SHA256SUMS (at the root, or in the one top folder a zip may use) in a copy
     * of the zip, then renames the copy over the original.
     */
    private static void signZip(Path zip, PrivateKey key, PublicKey publicKey) throws IOException {
        AtomicFiles.write(zip, temp -> {
            Files.copy(zip, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + temp.toUri()), Map.of());
                 var found = Files.find(fs.getPath("/"), 2, (p, a) -> a.isRegularFile() && p.getFileName() != null
                         && p.getFileName().toString().equals(ModelPackageLayout.SUMS))) {
                Path sumsPath = found.findFirst().orElseThrow(() -> new ModelPackageException(zip + ": no " + ModelPackageLayout.SUMS));
                byte[] sums = Files.readAllBytes(sumsPath);
                Files.write(sumsPath.resolveSibling(PackageSignature.FILE), PackageSignature.sign(sums, key, publicKey));
            }
        });
    }
}
