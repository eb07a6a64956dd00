package org.glassbox.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a workspace's secret key: the same input gives the same pseudonym within a
 * workspace and an unlinkable one in another. Used for site keys and patient pseudonyms, so that
 * identifying values never need to be stored.
 */
public final class KeyedHash {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    /** @param key at least 16 bytes of secret key material */
    public KeyedHash(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("key must be at least 16 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** Full 32-byte MAC of the UTF-8 bytes of {@code domain + '\0' + value}. */
    public byte[] mac(String domain, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(domain.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Lower-case hex of the first {@code bytes} bytes of the MAC; the domain separates uses (a site
     * key never equals a patient pseudonym for the same text).
     */
    public String hex(String domain, String value, int bytes) {
        byte[] m = mac(domain, value);
        return HexFormat.of().formatHex(m, 0, Math.min(bytes, m.length));
    }
}
