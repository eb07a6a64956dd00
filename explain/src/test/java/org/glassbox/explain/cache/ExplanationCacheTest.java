package org.glassbox.explain.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.explain.Explanation;
import org.glassbox.explain.ExplanationMethod;
import org.glassbox.explain.SaliencyMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplanationCacheTest {
    @TempDir
    Path dir;

    private static final Map<String, String> PARAMS = Map.of("layer", "block5", "seed", "0");

    private static CacheKey key() {
        return new CacheKey("abc123", "1.2.3.4", ExplanationMethod.GRADCAM, PARAMS, 1);
    }

    private static Explanation explanation(boolean withFeature) {
        SaliencyMap image = new SaliencyMap(4, 6, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
            Float.MIN_VALUE});
        SaliencyMap feature = withFeature ? new SaliencyMap(2, 3, new float[] {-1.5f, 2, 3, 4, 5, 6}) : null;
        return new Explanation(ExplanationMethod.GRADCAM, 1, PARAMS, image, feature, 2.5f, 0.924f, 3, 123_456);
    }

    @Test
    void aHitReturnsTheSameExplanation() throws Exception {
        ExplanationCache cache = new ExplanationCache(dir);
        assertThat(cache.get(key())).isEmpty();
        cache.put(key(), explanation(true));
        assertThat(cache.get(key())).contains(explanation(true));
        cache.put(key(), explanation(false));
        assertThat(cache.get(key())).contains(explanation(false));
        assertThat(cache.entryDir(key()).resolve(ExplanationCache.FEATURE)).doesNotExist();
    }

    @Test
    void mapsAreFloat32NpyFilesPythonCanRead() throws Exception {
        ExplanationCache cache = new ExplanationCache(dir);
        cache.put(key(), explanation(true));
        Path entry = cache.entryDir(key());
        assertThat(NpyIO.read(entry.resolve("image.npy")).shape()).containsExactly(4, 6);
        assertThat(NpyIO.read(entry.resolve("feature.npy")).toFloatArray()).containsExactly(-1.5f, 2, 3, 4, 5, 6);
        assertThat(Files.readString(entry.resolve("explanation.json"))).contains("\"method\" : \"gradcam\"", "\"sopInstanceUid\" : \"1.2.3.4\"");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void everyPartOfTheKeyMatters() throws Exception {
        ExplanationCache cache = new ExplanationCache(dir);
        cache.put(key(), explanation(true));
        List<CacheKey> others = List.of(
                new CacheKey("abc124", "1.2.3.4", ExplanationMethod.GRADCAM, PARAMS, 1),
                new CacheKey("abc123", "1.2.3.5", ExplanationMethod.GRADCAM, PARAMS, 1),
                new CacheKey("abc123", "1.2.3.4", ExplanationMethod.HIRESCAM, PARAMS, 1),
                new CacheKey("abc123", "1.2.3.4", ExplanationMethod.GRADCAM, Map.of("layer", "block4", "seed", "0"), 1),
                new CacheKey("abc123", "1.2.3.4", ExplanationMethod.GRADCAM, Map.of("layer", "block5"), 1),
                new CacheKey("abc123", "1.2.3.4", ExplanationMethod.GRADCAM, PARAMS, 0),
                // ambiguous concatenations must not collide
                new CacheKey("abc12", "31.2.3.4", ExplanationMethod.GRADCAM, PARAMS, 1));
        for (CacheKey other : others) {
            assertThat(other.digest()).as(other.toString()).isNotEqualTo(key().digest());
            assertThat(cache.get(other)).as(other.toString()).isEmpty();
        }
        // parameter order does not matter
        java.util.LinkedHashMap<String, String> reversed = new java.util.LinkedHashMap<>();
        reversed.put("seed", "0");
        reversed.put("layer", "block5");
        assertThat(cache.get(new CacheKey("abc123", "1.2.3.4", ExplanationMethod.GRADCAM, reversed, 1))).isPresent();
    }

    @Test
    void theExplanationKeepsItsOwnParametersUnderARequestKey() throws Exception {
        ExplanationCache cache = new ExplanationCache(dir);
        CacheKey request = new CacheKey("abc123", "1.2.3.4", ExplanationMethod.GRADCAM, Map.of("seed", "0"), 1);
        cache.put(request, explanation(true));
        assertThat(cache.get(request)).hasValueSatisfying(e -> assertThat(e.parameters()).isEqualTo(PARAMS));
    }

    @Test
    void aDamagedEntryIsAMissNotAWrongMap() throws Exception {
        ExplanationCache cache = new ExplanationCache(dir);
        cache.put(key(), explanation(true));
        Path image = cache.entryDir(key()).resolve("image.npy");
        byte[] bytes = Files.readAllBytes(image);
        bytes[bytes.length - 1] ^= 1;
        Files.write(image, bytes);
        assertThat(cache.get(key())).isEmpty();
        Files.writeString(cache.entryDir(key()).resolve("explanation.json"), "{ truncated");
        assertThat(cache.get(key())).isEmpty();
        cache.put(key(), explanation(true));
        assertThat(cache.get(key())).isPresent();
    }

    @Test
    void anExplanationIsStoredOnlyUnderItsOwnKey() {
        ExplanationCache cache = new ExplanationCache(dir);
        CacheKey other = new CacheKey("abc123", "1.2.3.4", ExplanationMethod.GRADCAM, PARAMS, 0);
        assertThatThrownBy(() -> cache.put(other, explanation(true))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> new CacheKey(" ", "1", ExplanationMethod.GRADCAM, PARAMS, 0)).hasMessageContaining("model hash");
    }
}
