package org.glassbox.inference.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys for model signing (RFC 8032, the JDK's built-in provider), in the PEM forms OpenSSL
 * uses: a public key is X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), a private
 * key PKCS #8 ({@code -----BEGIN PRIVATE KEY-----}, unencrypted). {@code openssl genpkey -algorithm
 * ed25519} and {@code openssl pkey -pubout} make compatible files.
 *
 * <p>A key's id is the lower-case hex SHA-256 of its SubjectPublicKeyInfo DER bytes, as
 * {@code openssl pkey -pubin -outform DER | sha256sum} prints it.
 */
public final class SigningKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519 (Java 15+ does)", e);
        }
    }

    /** SHA-256 hex of the SubjectPublicKeyInfo DER. */
    public static String keyId(PublicKey key) {
        return Sha256.hex(key.getEncoded());
    }

    public static String publicPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    public static String privatePem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    /** @throws IOException naming the file when it is not an Ed25519 public key in PEM */
    public static PublicKey readPublic(Path file) throws IOException {
        return publicFromDer(der(file, PUBLIC), file.toString());
    }

    /** @throws IOException naming the file when it is not an unencrypted Ed25519 PKCS #8 key in PEM */
    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = der(file, PRIVATE);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not an Ed25519 private key (" + e.getMessage() + ")");
        }
    }

    static PublicKey publicFromDer(byte[] der, String source) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(source + ": not an Ed25519 public key (" + e.getMessage() + ")");
        }
    }

    private static byte[] der(Path file, String label) throws IOException {
        if (Files.size(file) > 64 * 1024) {
            throw new IOException(file + ": too large for a key file");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            if (text.contains("ENCRYPTED PRIVATE KEY")) {
                throw new IOException(file + ": the private key is encrypted; decrypt it with: openssl pkey -in KEY -out PLAIN.pem");
            }
            throw new IOException(file + ": no '" + begin + "' block (expected a PEM " + label.toLowerCase(java.util.Locale.ROOT) + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException x) {
            throw new IOException(file + ": malformed base64 in the PEM block");
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }
}
