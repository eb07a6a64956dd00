package org.glassbox.inference.pkg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public keys a workspace trusts to sign model packages: every {@code *.pub} file (PEM
 * SubjectPublicKeyInfo, Ed25519) in its {@code trusted-keys/} folder, by key id. Adding a key is
 * copying its .pub file there; revoking it is deleting the file.
 *
 * @param keys public key by key id ({@link SigningKeys#keyId})
 */
public record TrustedKeys(Map<String, PublicKey> keys) {
    public static final TrustedKeys NONE = new TrustedKeys(Map.of());

    public TrustedKeys {
        keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    /**
     * @param dir the folder; absent = no trusted keys
     * @throws IOException naming the file when a .pub file is not an Ed25519 public key
     */
    public static TrustedKeys load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return NONE;
        }
        Map<String, PublicKey> keys = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.pub")) {
            for (Path p : ds) {
                PublicKey k = SigningKeys.readPublic(p);
                keys.put(SigningKeys.keyId(k), k);
            }
        }
        return new TrustedKeys(keys);
    }

    public boolean trusts(String keyId) {
        return keys.containsKey(keyId);
    }
}
