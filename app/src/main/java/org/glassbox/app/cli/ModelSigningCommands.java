package org.glassbox.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.inference.pkg.PackageSigner;
import org.glassbox.inference.pkg.SigningKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code models keygen} and {@code models sign}: Ed25519 signing of model packages (ADR 0015). */
final class ModelSigningCommands {
    private ModelSigningCommands() {
    }

    /** {@code models keygen --out DIR [--name NAME]}: NAME.pem (private, owner-only) and NAME.pub. */
    @Command(name = "keygen", description = {"Create an Ed25519 signing key pair: DIR/NAME.pem (private, PKCS#8, owner-only) and DIR/NAME.pub",
        "(public, X.509 SubjectPublicKeyInfo). Copy the .pub into a workspace's trusted-keys/ to trust packages signed with it."})
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the key files (created if needed).")
        Path out;

        @Option(names = "--name", defaultValue = "glassbox-signing", paramLabel = "NAME", description = "File name stem (default glassbox-signing).")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path priv = out.resolve(name + ".pem");
            Path pub = out.resolve(name + ".pub");
            if (Files.exists(priv) || Files.exists(pub)) {
                spec.commandLine().getErr().println("glassbox models keygen: " + priv + " or " + pub + " already exists; not replacing a key");
                return GlassBoxCli.EXIT_FAILED;
            }
            KeyPair pair = SigningKeys.generate();
            Files.createDirectories(out);
            // The private key is created owner-only from the start (never readable by others, even briefly).
            Path temp;
            try {
                temp = Files.createTempFile(out, ".key", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                temp = Files.createTempFile(out, ".key", ".tmp"); // not POSIX (Windows): the user profile's ACLs apply
            }
            try {
                Files.writeString(temp, SigningKeys.privatePem(pair.getPrivate()), StandardCharsets.US_ASCII);
                Files.move(temp, priv);
            } finally {
                Files.deleteIfExists(temp);
            }
            AtomicFiles.write(pub, t -> Files.writeString(t, SigningKeys.publicPem(pair.getPublic()), StandardCharsets.US_ASCII));
            spec.commandLine().getOut().println("key id " + SigningKeys.keyId(pair.getPublic()) + ": private " + priv + ", public " + pub);
            return GlassBoxCli.EXIT_OK;
        }
    }

    /** {@code models sign PKG --key PRIVATE.pem [--pub PUBLIC.pub]}. */
    @Command(name = "sign", description = {"Sign a package (folder or .zip) that verifies: writes SIGNATURE, an Ed25519 signature over SHA256SUMS",
        "(which covers every other file). The package's sha256 does not change."})
    static final class Sign implements Callable<Integer> {
        @Parameters(paramLabel = "PKG", description = "Package folder or .zip.")
        Path pkg;

        @Option(names = "--key", required = true, paramLabel = "PRIVATE.pem", description = "Ed25519 private key (PKCS#8 PEM, unencrypted).")
        Path key;

        @Option(names = "--pub", paramLabel = "PUBLIC.pub", description = "Its public key (default: the .pub beside the .pem).")
        Path pub;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path pubFile = pub != null ? pub : key.resolveSibling(key.getFileName().toString().replaceFirst("\\.pem$", "") + ".pub");
            if (!Files.isRegularFile(pubFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no public key " + pubFile + " beside the private key; give it with --pub");
            }
            PrivateKey privateKey = SigningKeys.readPrivate(key);
            PublicKey publicKey = SigningKeys.readPublic(pubFile);
            String keyId;
            try {
                keyId = new PackageSigner().sign(pkg, privateKey, publicKey);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("glassbox models sign: " + key + ": " + e.getMessage());
                return GlassBoxCli.EXIT_FAILED;
            }
            spec.commandLine().getOut().println("signed " + pkg + " with key " + keyId);
            return GlassBoxCli.EXIT_OK;
        }
    }
}
