package org.glassbox.inference.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.glassbox.core.testing.ExternalTools;
import org.glassbox.inference.pkg.SignatureCheck.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageSignatureTest {
    @TempDir
    Path tmp;
    KeyPair signer;
    TrustedKeys trustSigner;
    Path pkg;

    @BeforeEach
    void setUp() throws IOException {
        signer = SigningKeys.generate();
        trustSigner = new TrustedKeys(Map.of(SigningKeys.keyId(signer.getPublic()), signer.getPublic()));
        Path weights = tmp.resolve("w.bin");
        Files.write(weights, "pretend these are ONNX weights".getBytes(StandardCharsets.UTF_8));
        pkg = tmp.resolve("pkg");
        ModelPackageWriter.forManifest(TestManifests.valid()).weights(weights).writeFolder(pkg);
    }

    private ModelPackageLoader loader(TrustedKeys trusted, boolean require) {
        return new ModelPackageLoader(PackageLimits.DEFAULT, tmp.resolve("scratch"), new SignaturePolicy(trusted, require));
    }

    private void sign() throws IOException {
        new PackageSigner().sign(pkg, signer.getPrivate(), signer.getPublic());
    }

    @Test
    void signedPackageLoadsWithTheSameIdentityAndVerifiesAsValid() throws Exception {
        String before = Sha256.hex(Files.readAllBytes(pkg.resolve("SHA256SUMS")));
        sign();
        PackageVerification v = loader(trustSigner, true).verify(pkg, BareOnnxOptions.DEFAULTS);
        assertThat(v.problems()).isEmpty();
        assertThat(v.signature().status()).isEqualTo(Status.VALID);
        assertThat(v.signature().keyId()).isEqualTo(SigningKeys.keyId(signer.getPublic()));
        try (ModelPackage p = loader(trustSigner, true).open(pkg)) {
            assertThat(p.identity()).isEqualTo(before);
        }
    }

    @Test
    void statusesAbsentUntrustedAndPolicy() throws Exception {
        assertThat(loader(TrustedKeys.NONE, false).verify(pkg, BareOnnxOptions.DEFAULTS).signature().status()).isEqualTo(Status.ABSENT);
        try (ModelPackage p = loader(TrustedKeys.NONE, false).open(pkg)) {
            assertThat(p.identity()).hasSize(64);
        }
        assertThatThrownBy(() -> loader(trustSigner, true).open(pkg)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("unsigned").hasMessageContaining("requires a signature");
        sign();
        KeyPair other = SigningKeys.generate();
        TrustedKeys trustOther = new TrustedKeys(Map.of(SigningKeys.keyId(other.getPublic()), other.getPublic()));
        PackageVerification v = loader(trustOther, false).verify(pkg, BareOnnxOptions.DEFAULTS);
        assertThat(v.signature().status()).isEqualTo(Status.UNTRUSTED_KEY);
        assertThat(v.ok()).isTrue();
        assertThatThrownBy(() -> loader(trustOther, true).open(pkg)).isInstanceOf(ModelPackageException.class)
                .hasMessageContaining("not trusted");
    }

    @Test
    void signatureMadeWithTheWrongKeyIsRefusedWhateverThePolicy() throws Exception {
        KeyPair other = SigningKeys.generate();
        // A SIGNATURE naming the trusted key but made with another private key.
        byte[] forged = PackageSignature.sign(Files.readAllBytes(pkg.resolve("SHA256SUMS")), other.getPrivate(), other.getPublic());
        String text = new String(forged, StandardCharsets.UTF_8)
                .replace(SigningKeys.keyId(other.getPublic()), SigningKeys.keyId(signer.getPublic()))
                .replace(Base64.getEncoder().encodeToString(other.getPublic().getEncoded()),
                        Base64.getEncoder().encodeToString(signer.getPublic().getEncoded()));
        Files.writeString(pkg.resolve("SIGNATURE"), text);
        for (boolean require : new boolean[] {false, true}) {
            assertThatThrownBy(() -> loader(trustSigner, require).open(pkg)).isInstanceOf(ModelPackageException.class)
                    .hasMessageContaining("SIGNATURE does not verify");
        }
    }

    @Test
    void oneFlippedByteInEachFileIsRefusedNamingTheFile() throws Exception {
        sign();
        List<String> files;
        try (var s = Files.list(pkg)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).containsExactlyInAnyOrder("model.json", "weights.onnx", "SHA256SUMS", "SIGNATURE");
        for (String name : files) {
            Path copy = tmp.resolve("flip-" + name);
            Files.createDirectories(copy);
            for (String f : files) {
                Files.copy(pkg.resolve(f), copy.resolve(f));
            }
            byte[] bytes = Files.readAllBytes(copy.resolve(name));
            if (name.equals("SHA256SUMS")) {
                bytes[0] = (byte) (bytes[0] == '0' ? '1' : '0'); // still a well-formed line: a hash digit changed
            } else {
                bytes[name.equals("SIGNATURE") ? bytes.length - 10 : bytes.length / 2] ^= 0x01; // SIGNATURE: inside the base64 signature
            }
            Files.write(copy.resolve(name), bytes);
            for (boolean require : new boolean[] {false, true}) {
                assertThatThrownBy(() -> loader(trustSigner, require).open(copy)).as(name).isInstanceOf(ModelPackageException.class)
                        .hasMessageContaining(name);
            }
        }
    }

    @Test
    void zippedPackageCanBeSignedAndIsCheckedAtLoad() throws Exception {
        Path zip = tmp.resolve("pkg.zip");
        ModelPackageWriter.forManifest(TestManifests.valid()).weights(pkg.resolve("weights.onnx")).writeZip(zip);
        new PackageSigner().sign(zip, signer.getPrivate(), signer.getPublic());
        assertThat(loader(trustSigner, true).verify(zip, BareOnnxOptions.DEFAULTS).signature().status()).isEqualTo(Status.VALID);
        try (ModelPackage p = loader(trustSigner, true).open(zip)) {
            assertThat(p.manifest().id()).isEqualTo(TestManifests.valid().id());
        }
    }

    @Test
    void zipWithOneTopFolderIsSignedBesideItsSums() throws Exception {
        Path zip = tmp.resolve("nested.zip");
        try (var zos = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String f : new String[] {"model.json", "weights.onnx", "SHA256SUMS"}) {
                zos.putNextEntry(new java.util.zip.ZipEntry("pkg/" + f));
                zos.write(Files.readAllBytes(pkg.resolve(f)));
                zos.closeEntry();
            }
        }
        new PackageSigner().sign(zip, signer.getPrivate(), signer.getPublic());
        assertThat(loader(trustSigner, true).verify(zip, BareOnnxOptions.DEFAULTS).signature().status()).isEqualTo(Status.VALID);
    }

    @Test
    void keysRoundTripThroughPemAndTheSignatureVerifiesWithOpenssl() throws Exception {
        Path openssl = ExternalTools.require("openssl", "openssl");
        Path pub = tmp.resolve("signer.pub");
        Path key = tmp.resolve("signer.pem");
        Files.writeString(pub, SigningKeys.publicPem(signer.getPublic()));
        Files.writeString(key, SigningKeys.privatePem(signer.getPrivate()));
        assertThat(SigningKeys.readPublic(pub)).isEqualTo(signer.getPublic());
        assertThat(TrustedKeys.load(tmp).trusts(SigningKeys.keyId(signer.getPublic()))).isTrue();
        new PackageSigner().sign(pkg, SigningKeys.readPrivate(key), signer.getPublic());
        String sig = Files.readAllLines(pkg.resolve("SIGNATURE")).stream().filter(l -> l.startsWith("Signature: ")).findFirst().orElseThrow();
        Path sigFile = tmp.resolve("sig.bin");
        Files.write(sigFile, Base64.getDecoder().decode(sig.substring("Signature: ".length())));
        Process p = new ProcessBuilder(openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in",
                pkg.resolve("SHA256SUMS").toString(), "-sigfile", sigFile.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("Signature Verified Successfully");
        // And a key made by openssl signs packages GlassBox accepts; its key id is sha256 of the DER public key.
        Path osslKey = tmp.resolve("ossl.pem");
        assertThat(new ProcessBuilder(openssl.toString(), "genpkey", "-algorithm", "ed25519", "-out", osslKey.toString()).start().waitFor()).isZero();
        Path osslPub = tmp.resolve("ossl.pub");
        assertThat(new ProcessBuilder(openssl.toString(), "pkey", "-in", osslKey.toString(), "-pubout", "-out", osslPub.toString()).start().waitFor())
                .isZero();
        new PackageSigner().sign(pkg, SigningKeys.readPrivate(osslKey), SigningKeys.readPublic(osslPub));
        TrustedKeys trusted = new TrustedKeys(Map.of(SigningKeys.keyId(SigningKeys.readPublic(osslPub)), SigningKeys.readPublic(osslPub)));
        assertThat(loader(trusted, true).verify(pkg, BareOnnxOptions.DEFAULTS).signature().status()).isEqualTo(Status.VALID);
    }
}
