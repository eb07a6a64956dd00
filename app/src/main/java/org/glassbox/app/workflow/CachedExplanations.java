package org.glassbox.app.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * {@link ExplanationCache#get} accepts it under that key (complete, hashes matching). For many
 * instances, take an {@link #index()} — one walk — and look each up in it.
 */
public final class CachedExplanations {
    private static final String SIDECAR = "explanation.json";
    private static final String IMAGE = "image.npy";
    private static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> e.key().method().cliName())
            .thenComparingInt(e -> e.key().target()).thenComparing(e -> e.key().digest());

    /**
     * One cached map.
     *
     * @param key      its cache key
     * @param image    the image-resolution map ({@code image.npy}: float32 H × W)
     * @param sidecar  the cache's {@code explanation.json} (key, parameters, scores, hashes)
     */
    public record Entry(CacheKey key, Path image, Path sidecar) {
    }

    /**
     * What one walk of the cache found, by model and instance; entries are checked when first looked
     * up (the answer is kept: several flags on one case and model check its maps once). One thread.
     */
    public final class Index {
        private final Map<List<String>, List<Entry>> byCase;
        private final Map<List<String>, List<Entry>> checked = new HashMap<>();

        private Index(Map<List<String>, List<Entry>> byCase) {
            this.byCase = byCase;
        }

        /**
         * The entries of {@code sopInstanceUid} and {@code modelSha256} present at the walk that
         * {@link ExplanationCache#get} still accepts, ordered by method, target and digest.
         */
        public List<Entry> find(String modelSha256, String sopInstanceUid) throws IOException {
            List<String> id = List.of(modelSha256, sopInstanceUid);
            List<Entry> known = checked.get(id);
            if (known != null) {
                return known;
            }
            List<Entry> out = new ArrayList<>();
            for (Entry e : byCase.getOrDefault(id, List.of())) {
                if (cache.get(e.key()).isPresent()) {
                    out.add(e);
                }
            }
            out.sort(ORDER);
            known = List.copyOf(out);
            checked.put(id, known);
            return known;
        }
    }

    private final ExplanationCache cache;
    private final ObjectMapper json = new ObjectMapper();

    public CachedExplanations(ExplanationCache cache) {
        this.cache = cache;
    }

    /** Entries for {@code sopInstanceUid} and {@code modelSha256}, ordered by method, target and digest (walks the cache). */
    public List<Entry> find(String modelSha256, String sopInstanceUid) throws IOException {
        return index().find(modelSha256, sopInstanceUid);
    }

    /**
     * Walks the cache once, reading every sidecar's key (not the maps: those are hashed only by
     * {@link Index#find}, for the cases asked about).
     */
    public Index index() throws IOException {
        Map<List<String>, List<Entry>> byCase = new HashMap<>();
        if (!Files.isDirectory(cache.root())) {
            return new Index(byCase);
        }
        List<Path> sidecars;
        try (Stream<Path> s = Files.find(cache.root(), 3, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(SIDECAR))) {
            sidecars = s.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path sidecar : sidecars) {
            CacheKey key = keyOf(sidecar);
            if (key != null && cache.entryDir(key).equals(sidecar.getParent())) {
                byCase.computeIfAbsent(List.of(key.modelSha256(), key.sopInstanceUid()), k -> new ArrayList<>())
                        .add(new Entry(key, sidecar.resolveSibling(IMAGE), sidecar));
            }
        }
        return new Index(byCase);
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
