package org.glassbox.explain.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.glassbox.explain.ExplanationMethod;

/**
 * What identifies a cached explanation: the exact model weights, the image, the method, every
 * parameter that changes the map (sorted by name) and the explained output.
 *
 * @param modelSha256    the model's weight hash ({@link org.glassbox.core.ai.ModelDescriptor#sha256()})
 * @param sopInstanceUid the source image's SOP Instance UID (or another stable id of the input)
 * @param method         explanation method
 * @param parameters     every requested parameter that changes the map (method options as given, the
 *                       seed), by name
 * @param target         explained output index
 */
public record CacheKey(String modelSha256, String sopInstanceUid, ExplanationMethod method, Map<String, String> parameters,
                       int target) {
    public CacheKey {
        requireText(modelSha256, "model hash");
        requireText(sopInstanceUid, "SOP Instance UID");
        Objects.requireNonNull(method, "method");
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /**
     * SHA-256 (hex) of an unambiguous encoding of every part: each string is written with its
     * length, so no two different keys encode alike.
     */
    public String digest() {
        StringBuilder b = new StringBuilder("glassbox-explanation-v1");
        field(b, modelSha256);
        field(b, sopInstanceUid);
        field(b, method.cliName());
        field(b, Integer.toString(target));
        field(b, Integer.toString(parameters.size()));
        parameters.forEach((k, v) -> {
            field(b, k);
            field(b, v);
        });
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static void field(StringBuilder b, String s) {
        b.append('|').append(s.length()).append(':').append(s);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("cache key needs a " + what);
        }
    }
}
