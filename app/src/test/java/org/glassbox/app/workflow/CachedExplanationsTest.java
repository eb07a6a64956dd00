package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.glassbox.explain.cache.CacheKey;
import org.glassbox.explain.cache.ExplanationCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached maps found by one walk of the cache, grouped by model and instance. */
class CachedExplanationsTest {
    private static final String M1 = "a1".repeat(32);
    private static final String M2 = "b2".repeat(32);

    @TempDir
    Path dir;

    private static CacheKey put(ExplanationCache cache, String model, String sop, ExplanationMethod method, int target) throws Exception {
        CacheKey key = new CacheKey(model, sop, method, Map.of("seed", "0"), target);
        cache.put(key, new Explanation(method, target, Map.of(), new SaliencyMap(1, 2, new float[] {0, 1}), null, 0f, 0.5f, 1, 1));
        return key;
    }

    @Test
    void oneWalkGroupsTheEntriesByModelAndInstanceAndChecksThemOnLookUp() throws Exception {
        ExplanationCache cache = new ExplanationCache(dir.resolve("explanations"));
        CacheKey s1Target1 = put(cache, M1, "1.2.3.1", ExplanationMethod.GRADCAM, 1);
        CacheKey s1Target0 = put(cache, M1, "1.2.3.1", ExplanationMethod.GRADCAM, 0);
        put(cache, M1, "1.2.3.2", ExplanationMethod.GRADCAM, 0);
        put(cache, M2, "1.2.3.1", ExplanationMethod.GRADCAM, 0);
        CacheKey damaged = put(cache, M1, "1.2.3.1", ExplanationMethod.OCCLUSION, 0);
        Files.write(cache.entryDir(damaged).resolve("image.npy"), new byte[] {1, 2, 3}); // no longer matches its sidecar's hash
        Files.createDirectories(cache.root().resolve("ab"));
        Files.writeString(cache.root().resolve("ab").resolve("explanation.json"), "{not json"); // a foreign file
        CachedExplanations cached = new CachedExplanations(cache);

        CachedExplanations.Index index = cached.index();
        assertThat(index.find(M1, "1.2.3.1")).extracting(CachedExplanations.Entry::key).containsExactly(s1Target0, s1Target1);
        assertThat(index.find(M1, "1.2.3.1").get(0).image()).isEqualTo(cache.entryDir(s1Target0).resolve("image.npy"));
        assertThat(index.find(M1, "1.2.3.2")).hasSize(1);
        assertThat(index.find(M2, "1.2.3.1")).hasSize(1);
        assertThat(index.find(M2, "1.2.3.2")).isEmpty();
        assertThat(cached.find(M1, "1.2.3.1")).isEqualTo(index.find(M1, "1.2.3.1"));

        // The index is the one walk: an entry cached after it is not seen through it (a fresh find walks again).
        CacheKey later = put(cache, M1, "1.2.3.3", ExplanationMethod.GRADCAM, 0);
        assertThat(index.find(M1, "1.2.3.3")).isEmpty();
        assertThat(cached.find(M1, "1.2.3.3")).extracting(CachedExplanations.Entry::key).containsExactly(later);
    }

    @Test
    void noCacheFolderFindsNothing() throws Exception {
        CachedExplanations cached = new CachedExplanations(new ExplanationCache(dir.resolve("missing")));
        assertThat(cached.index().find(M1, "1.2.3.1")).isEqualTo(List.of());
    }
}
