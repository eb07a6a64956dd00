package org.glassbox.inference.pkg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A package's optional Ed25519 signature, the file {@code SIGNATURE} beside {@code SHA256SUMS}
 * (ADR 0015). What is signed is the exact bytes of {@code SHA256SUMS}, which lists the SHA-256 of
 * every other file (model.json, the weights, the model card …), so one signature covers the whole
 * package, and the package identity (SHA-256 of SHA256SUMS) is unchanged by signing. The file is
 * UTF-8 text, one {@code Name: value} per line, in this order:
 *
 * <pre>
 * GlassBox-Signature: 1
 * Algorithm: Ed25519
 * Signed-File: SHA256SUMS
 * Key-Id: &lt;hex SHA-256 of the signer's SubjectPublicKeyInfo DER&gt;
 * Public-Key: &lt;base64 SubjectPublicKeyInfo DER&gt;
 * Signature: &lt;base64 of the 64-byte Ed25519 signature&gt;
 * </pre>
 *
 * The embedded public key lets a verifier tell "signed by a key you do not trust" from "damaged";
 * trust comes only from the workspace's trusted keys, matched by key id. The signature can be
 * checked with OpenSSL: {@code openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in SHA256SUMS
 * -sigfile SIG.bin} (SIG.bin = the base64-decoded Signature value).
 */
public final class PackageSignature {
    public static final String FILE = "SIGNATURE";
    static final int MAX_BYTES = 16 * 1024;
    private static final String VERSION = "1";

    private PackageSignature() {
    }

    /** The SIGNATURE file's text for {@code sums} signed with {@code key}. */
    public static byte[] sign(byte[] sums, PrivateKey key, PublicKey publicKey) {
        try {
            Signature s = Signature.getInstance(SigningKeys.ALGORITHM);
            s.initSign(key);
            s.update(sums);
            byte[] sig = s.sign();
            // A key pair that does not match would produce a signature nobody can verify: refuse it here.
            Signature v = Signature.getInstance(SigningKeys.ALGORITHM);
            v.initVerify(publicKey);
            v.update(sums);
            if (!v.verify(sig)) {
                throw new IllegalArgumentException("the private key does not belong to the given public key");
            }
            Base64.Encoder b64 = Base64.getEncoder();
            String text = "GlassBox-Signature: " + VERSION + "\n" + "Algorithm: " + SigningKeys.ALGORITHM + "\n" + "Signed-File: "
                    + ModelPackageLayout.SUMS + "\n" + "Key-Id: " + SigningKeys.keyId(publicKey) + "\n" + "Public-Key: "
                    + b64.encodeToString(publicKey.getEncoded()) + "\n" + "Signature: " + b64.encodeToString(sig) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code dir/SIGNATURE} against {@code sums} (the SHA256SUMS bytes) and the trusted keys.
     *
     * @param label how messages name the package
     */
    public static SignatureCheck check(Path dir, byte[] sums, TrustedKeys trusted, String label) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return SignatureCheck.absent();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
            return invalid(null, FILE + " is not a regular file of at most " + MAX_BYTES + " bytes");
        }
        Map<String, String> fields;
        try {
            fields = parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            return invalid(null, FILE + " is malformed: " + e.getMessage());
        }
        String keyId = fields.get("Key-Id");
        if (!VERSION.equals(fields.get("GlassBox-Signature")) || !SigningKeys.ALGORITHM.equals(fields.get("Algorithm"))
                || !ModelPackageLayout.SUMS.equals(fields.get("Signed-File"))) {
            return invalid(keyId, FILE + " is malformed: expected GlassBox-Signature 1, Algorithm Ed25519, Signed-File SHA256SUMS");
        }
        PublicKey embedded;
        byte[] sig;
        try {
            embedded = SigningKeys.publicFromDer(Base64.getDecoder().decode(required(fields, "Public-Key")), FILE);
            sig = Base64.getDecoder().decode(required(fields, "Signature"));
        } catch (IllegalArgumentException | IOException e) {
            return invalid(keyId, FILE + " is malformed: " + e.getMessage());
        }
        if (keyId == null || !keyId.equals(SigningKeys.keyId(embedded))) {
            return invalid(keyId, FILE + ": Key-Id does not match the embedded public key");
        }
        PublicKey trustedKey = trusted.keys().get(keyId);
        PublicKey verifyWith = trustedKey != null ? trustedKey : embedded;
        boolean ok;
        try {
            Signature v = Signature.getInstance(SigningKeys.ALGORITHM);
            v.initVerify(verifyWith);
            v.update(sums);
            ok = sig.length == 64 && v.verify(sig);
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            return invalid(keyId, FILE + " does not verify over " + ModelPackageLayout.SUMS + " with key " + shortId(keyId)
                    + ": the package or its signature was changed after signing");
        }
        if (trustedKey == null) {
            return new SignatureCheck(SignatureCheck.Status.UNTRUSTED_KEY, keyId, "signed by key " + shortId(keyId) + ", which is not trusted here");
        }
        return new SignatureCheck(SignatureCheck.Status.VALID, keyId, "signature valid, trusted key " + shortId(keyId));
    }

    static String shortId(String keyId) {
        return keyId == null ? "?" : keyId.substring(0, Math.min(16, keyId.length()));
    }

    private static SignatureCheck invalid(String keyId, String message) {
        return new SignatureCheck(SignatureCheck.Status.INVALID, keyId, message);
    }

    private static String required(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no " + name + " line");
        }
        return v;
    }

    private static Map<String, String> parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 text");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new IllegalArgumentException("line '" + PackageFileNames.printable(line.length() > 40 ? line.substring(0, 40) + "…" : line)
                        + "' is not 'Name: value'");
            }
            if (fields.put(line.substring(0, colon), line.substring(colon + 2).strip()) != null) {
                throw new IllegalArgumentException(line.substring(0, colon) + " appears twice");
            }
        }
        return fields;
    }
}
