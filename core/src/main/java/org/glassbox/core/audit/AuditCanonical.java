package org.glassbox.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical serialisation of an audit entry, which its SHA-256 covers (ADR 0015). The bytes are
 * the UTF-8 encoding of
 *
 * <pre>
 * {"seq":N,"time":"T","user":"U","action":"A","objects":[O1,O2,…],"parameters":P,"prev":"H"}
 * </pre>
 *
 * with the keys in exactly this order and no whitespace outside strings, where
 * <ul>
 *   <li>N is the sequence number in decimal without sign or leading zeros;</li>
 *   <li>strings are JSON strings: {@code "} and {@code \} escaped with a backslash, U+0008, U+0009,
 *       U+000A, U+000C, U+000D as {@code \b \t \n \f \r}, other characters below U+0020 as
 *       {@code \}{@code u00xx} (lower-case hex); every other character as itself (UTF-8) — what
 *       Python's {@code json.dumps(..., ensure_ascii=False)} writes;</li>
 *   <li>P is the parameters object in canonical JSON: object keys sorted (by UTF-16 code unit),
 *       arrays in order, strings as above, {@code true false null}, integers in decimal; a
 *       non-integral number is stored as the string of its Java {@code toString} (so "0.5"), which
 *       keeps the form free of floating-point formatting rules;</li>
 *   <li>H is the previous entry's hash, or {@link #GENESIS} for entry 1.</li>
 * </ul>
 * The entry's hash is the lower-case hex SHA-256 of these bytes. Its line in {@code audit.log} is the
 * same text with {@code ,"hash":"<hash>"} inserted before the final brace, so
 * {@code sed 's/,"hash":"[0-9a-f]*"}$/}/'} on a line and {@code sha256sum} give its hash back.
 */
public final class AuditCanonical {
    /** The "previous hash" of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HASH_KEY = ",\"hash\":\"";

    private AuditCanonical() {
    }

    /** The canonical bytes of {@code e} (its {@code hash} field is not part of them). */
    public static byte[] bytes(AuditEntry e) {
        return text(e).getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 (lower-case hex) of {@link #bytes}. */
    public static String hash(AuditEntry e) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(e)));
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException("every Java platform has SHA-256", x);
        }
    }

    /** The entry's {@code audit.log} line (without the line feed). */
    public static String line(AuditEntry e) {
        String t = text(e);
        return t.substring(0, t.length() - 1) + HASH_KEY + e.hash() + "\"}";
    }

    /**
     * Parses an {@code audit.log} line.
     *
     * @throws IllegalArgumentException saying what is malformed
     */
    public static AuditEntry parseLine(String line) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode seq = n.get("seq");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
            throw new IllegalArgumentException("no integer seq");
        }
        JsonNode objects = n.get("objects");
        if (objects == null || !objects.isArray()) {
            throw new IllegalArgumentException("no objects array");
        }
        List<String> obj = new ArrayList<>();
        objects.forEach(o -> obj.add(o.isTextual() ? o.textValue() : o.toString()));
        JsonNode params = n.get("parameters");
        if (params == null || !params.isObject()) {
            throw new IllegalArgumentException("no parameters object");
        }
        return new AuditEntry(seq.longValue(), text(n, "time"), text(n, "user"), text(n, "action"), obj, canonical(params),
                text(n, "prev"), text(n, "hash"));
    }

    /** A catalog row's objects column ({@link #objects}) back to a list. */
    public static List<String> parseObjects(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isArray()) {
                throw new IllegalArgumentException("objects is not a JSON array");
            }
            List<String> out = new ArrayList<>();
            n.forEach(o -> out.add(o.isTextual() ? o.textValue() : o.toString()));
            return out;
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("objects is not JSON");
        }
    }

    /** The canonical JSON array of {@code objects} (how the catalog stores them). */
    public static String objects(List<String> objects) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, objects.get(i));
        }
        return sb.append(']').toString();
    }

    /**
     * The canonical JSON of a parameter map (values: strings, numbers, booleans, null, lists, maps,
     * records — anything Jackson turns into a tree). Non-integral numbers become strings.
     */
    public static String parameters(Map<String, ?> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return "{}";
        }
        JsonNode tree = MAPPER.valueToTree(new TreeMap<>(parameters));
        return canonical(floatsToStrings(tree));
    }

    /** Canonical text of a parsed JSON value (also re-canonicalises stored text for verification). */
    public static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node);
        return sb.toString();
    }

    /** True when {@code json} parses to an object whose canonical form is exactly {@code json}. */
    public static boolean isCanonicalObject(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return n != null && n.isObject() && canonical(n).equals(json);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String text(AuditEntry e) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"seq\":").append(e.seq());
        sb.append(",\"time\":");
        string(sb, e.time());
        sb.append(",\"user\":");
        string(sb, e.user());
        sb.append(",\"action\":");
        string(sb, e.action());
        sb.append(",\"objects\":").append(objects(e.objects()));
        sb.append(",\"parameters\":").append(e.parametersJson());
        sb.append(",\"prev\":");
        string(sb, e.prevHash());
        return sb.append('}').toString();
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("no string " + key);
        }
        return v.textValue();
    }

    private static JsonNode floatsToStrings(JsonNode n) {
        if (n.isFloatingPointNumber()) {
            return JsonNodeFactory.instance.textNode(n.asText());
        }
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            n.fields().forEachRemaining(f -> o.set(f.getKey(), floatsToStrings(f.getValue())));
            return o;
        }
        if (n.isArray()) {
            var a = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> a.add(floatsToStrings(x)));
            return a;
        }
        return n;
    }

    private static void write(StringBuilder sb, JsonNode n) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                sorted.put(f.getKey(), f.getValue());
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> f : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, f.getKey());
                sb.append(':');
                write(sb, f.getValue());
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, n.get(i));
            }
            sb.append(']');
        } else if (n.isTextual()) {
            string(sb, n.textValue());
        } else if (n.isIntegralNumber()) {
            sb.append(n.bigIntegerValue().toString());
        } else if (n.isNumber()) {
            sb.append(n.asText()); // only reached for tampered text: the hash will not match anyway
        } else if (n.isBoolean()) {
            sb.append(n.booleanValue());
        } else if (n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else {
            string(sb, n.asText());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
