package org.glassbox.core.synth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Deterministic UIDs under the {@code 2.25} root (PS3.5 B.2: a UUID written as one decimal
 * integer): the first 128 bits of SHA-256 over (seed, case index, kind), with the UUID version-4
 * and variant bits set so the value is a well-formed UUID. At most 44 characters.
 */
final class SyntheticUids {
    private SyntheticUids() {
    }

    /** The UID of one {@code kind} ("study", "series", "sop") for one case. */
    static String uid(long seed, long caseIndex, String kind) {
        byte[] h = Arrays.copyOf(sha256("glassbox-synth/uid/" + seed + "/" + caseIndex + "/" + kind), 16);
        h[6] = (byte) ((h[6] & 0x0F) | 0x40); // version 4 (random-like)
        h[8] = (byte) ((h[8] & 0x3F) | 0x80); // RFC 4122 variant
        return "2.25." + new BigInteger(1, h).toString();
    }

    /** Lower-case hex of the first {@code bytes} bytes of SHA-256 over {@code text}. */
    static String hex(String text, int bytes) {
        return java.util.HexFormat.of().formatHex(sha256(text), 0, bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
