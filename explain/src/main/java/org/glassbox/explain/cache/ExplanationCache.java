package org.glassbox.explain.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.glassbox.core.io.AtomicFiles;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyDtype;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.workspace.Workspace;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.SaliencyMap;

/**
 * Explanation maps cached on disk: one folder per {@link CacheKey#digest()} under
 * {@code <workspace>/cache/explanations/<first two hex digits>/<digest>/}, holding
 * {@code image.npy} (float32 H × W at input resolution), {@code feature.npy} (float32 h × w at
 * feature resolution, when the method has one) and {@code explanation.json} (the key, the
 * Explanation's other fields and the SHA-256 of each .npy). The key holds the parameters as
 * requested (options as given, the seed); the Explanation's own parameters (e.g. the default layer
 * it resolved) are stored with it and returned on a hit. Every file is written atomically and
 * the sidecar last, so an entry exists only once complete; an entry whose files do not match the
 * sidecar's hashes or key is treated as a miss (and overwritten by the next {@link #put}).
 */
public final class ExplanationCache {
    static final String IMAGE = "image.npy";
    static final String FEATURE = "feature.npy";
    static final String SIDECAR = "explanation.json";
    private static final int FORMAT = 1;

    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    /** @param root the cache folder (created on first write) */
    public ExplanationCache(Path root) {
        this.root = root;
    }

    /** The workspace's {@code cache/explanations/}. */
    public static ExplanationCache of(Workspace workspace) {
        return new ExplanationCache(workspace.cacheDir().resolve("explanations"));
    }

    public Path root() {
        return root;
    }

    /** The folder an entry lives in (whether or not it exists). */
    public Path entryDir(CacheKey key) {
        String d = key.digest();
        return root.resolve(d.substring(0, 2)).resolve(d);
    }

    /**
     * The cached explanation, or empty on a miss (no entry, an incomplete or corrupt one, or a
     * sidecar whose key differs).
     *
     * @throws IOException when an existing entry cannot be read
     */
    public Optional<Explanation> get(CacheKey key) throws IOException {
        Path dir = entryDir(key);
        JsonNode side;
        try {
            side = json.readTree(Files.readAllBytes(dir.resolve(SIDECAR)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
        if (side.path("format").asInt() != FORMAT || !keyMatches(side.path("key"), key)) {
            return Optional.empty();
        }
        SaliencyMap image = readMap(dir.resolve(IMAGE), side.path("imageSha256").asText());
        if (image == null) {
            return Optional.empty();
        }
        SaliencyMap feature = null;
        if (side.hasNonNull("featureSha256")) {
            feature = readMap(dir.resolve(FEATURE), side.path("featureSha256").asText());
            if (feature == null) {
                return Optional.empty();
            }
        }
        Map<String, String> parameters = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = side.path("parameters").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            parameters.put(e.getKey(), e.getValue().asText());
        }
        return Optional.of(new Explanation(key.method(), key.target(), parameters, image, feature,
                (float) side.path("targetLogit").asDouble(), (float) side.path("targetScore").asDouble(),
                side.path("modelEvaluations").asLong(), side.path("elapsedNanos").asLong()));
    }

    /**
     * Stores an explanation under {@code key}, replacing any entry.
     *
     * @throws IllegalArgumentException when the explanation's method or target differ from the key's
     */
    public void put(CacheKey key, Explanation e) throws IOException {
        if (e.method() != key.method() || e.target() != key.target()) {
            throw new IllegalArgumentException("explanation (" + e.method().cliName() + ", target " + e.target()
                    + ") does not match its cache key (" + key.method().cliName() + ", target " + key.target() + ")");
        }
        Path dir = entryDir(key);
        Files.createDirectories(dir);
        byte[] image = npy(e.imageMap());
        AtomicFiles.write(dir.resolve(IMAGE), tmp -> Files.write(tmp, image));
        byte[] feature = e.featureMap() == null ? null : npy(e.featureMap());
        if (feature != null) {
            AtomicFiles.write(dir.resolve(FEATURE), tmp -> Files.write(tmp, feature));
        } else {
            Files.deleteIfExists(dir.resolve(FEATURE));
        }
        ObjectNode side = json.createObjectNode();
        side.put("format", FORMAT);
        ObjectNode k = side.putObject("key");
        k.put("modelSha256", key.modelSha256());
        k.put("sopInstanceUid", key.sopInstanceUid());
        k.put("method", key.method().cliName());
        k.put("target", key.target());
        ObjectNode p = k.putObject("parameters");
        key.parameters().forEach(p::put);
        ObjectNode own = side.putObject("parameters");
        e.parameters().forEach(own::put);
        side.put("targetLogit", e.targetLogit());
        side.put("targetScore", e.targetScore());
        side.put("modelEvaluations", e.modelEvaluations());
        side.put("elapsedNanos", e.elapsedNanos());
        side.put("imageSha256", sha256(image));
        if (feature != null) {
            side.put("featureSha256", sha256(feature));
        } else {
            side.putNull("featureSha256");
        }
        byte[] text = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(side);
        AtomicFiles.write(dir.resolve(SIDECAR), tmp -> Files.write(tmp, text));
    }

    private static boolean keyMatches(JsonNode k, CacheKey key) {
        if (!k.path("modelSha256").asText().equals(key.modelSha256()) || !k.path("sopInstanceUid").asText().equals(key.sopInstanceUid())
                || !k.path("method").asText().equals(key.method().cliName()) || k.path("target").asInt(-1) != key.target()) {
            return false;
        }
        Map<String, String> stored = new TreeMap<>();
        k.path("parameters").fields().forEachRemaining(e -> stored.put(e.getKey(), e.getValue().asText()));
        return stored.equals(key.parameters());
    }

    /** The map, or null when the file is missing, does not hash to {@code expectedSha256} or is not a 2-D float32 array. */
    private static SaliencyMap readMap(Path file, String expectedSha256) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!sha256(bytes).equals(expectedSha256)) {
            return null;
        }
        NpyArray a;
        try {
            a = NpyIO.parse(bytes);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int[] s = a.shape();
        if (a.dtype() != NpyDtype.FLOAT32 || s.length != 2) {
            return null;
        }
        return new SaliencyMap(s[0], s[1], a.toFloatArray());
    }

    private static byte[] npy(SaliencyMap m) {
        return NpyIO.toBytes(NpyArray.ofFloat32(m.values(), m.height(), m.width()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

}
