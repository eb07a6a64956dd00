package org.glassbox.app.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.cache.CacheKey;
import org.glassbox.explain.cache.ExplanationCache;

/**
 * Finds the explanation maps cached for one instance and model. The cache is addressed by a digest
 * of the full key, so this walks its entries and reads each sidecar's key; an entry counts only when
 * {@link ExplanationCache#get} accepts it under that key (complete, hashes matching).
 */
public final class CachedExplanations {
    private static final String SIDECAR = "explanation.json";
    private static final String IMAGE = "image.npy";

    /**
     * One cached map.
     *
     * @param key      its cache key
     * @param image    the image-resolution map ({@code image.npy}: float32 H × W)
     * @param sidecar  the cache's {@code explanation.json} (key, parameters, scores, hashes)
     */
    public record Entry(CacheKey key, Path image, Path sidecar) {
    }

    private final ExplanationCache cache;
    private final ObjectMapper json = new ObjectMapper();

    public CachedExplanations(ExplanationCache cache) {
        this.cache = cache;
    }

    /** Entries for {@code sopInstanceUid} and {@code modelSha256}, ordered by method, target and digest. */
    public List<Entry> find(String modelSha256, String sopInstanceUid) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(cache.root())) {
            return out;
        }
        List<Path> sidecars;
        try (Stream<Path> s = Files.find(cache.root(), 3, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(SIDECAR))) {
            sidecars = s.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path sidecar : sidecars) {
            CacheKey key = keyOf(sidecar);
            if (key != null && key.modelSha256().equals(modelSha256) && key.sopInstanceUid().equals(sopInstanceUid)
                    && cache.entryDir(key).equals(sidecar.getParent()) && cache.get(key).isPresent()) {
                out.add(new Entry(key, sidecar.resolveSibling(IMAGE), sidecar));
            }
        }
        out.sort(Comparator.comparing((Entry e) -> e.key().method().cliName()).thenComparingInt(e -> e.key().target())
                .thenComparing(e -> e.key().digest()));
        return out;
    }

    /** The key a sidecar names, or null when it is unreadable or not a cache sidecar. */
    private CacheKey keyOf(Path sidecar) {
        try {
            JsonNode k = json.readTree(Files.readAllBytes(sidecar)).path("key");
            Map<String, String> parameters = new TreeMap<>();
            k.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
            return new CacheKey(k.path("modelSha256").asText(), k.path("sopInstanceUid").asText(),
                    ExplanationMethod.fromCliName(k.path("method").asText()), parameters, k.path("target").asInt());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged or foreign file: not an entry (the cache treats it as a miss too)
        }
    }
}
