package org.glassbox.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
    @TempDir
    Path dir;

    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    private static RegisteredModel model(String id, String version, String sha, String path) {
        return new RegisteredModel(id, version, "onnx", sha, path, "{\"id\":\"" + id + "\"}", Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void registeringTwiceIsIdempotent() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            assertThat(c.models().register(model("m", "1.0", HASH_A, "/p/m"))).isEqualTo(ModelRepository.Outcome.ADDED);
            assertThat(c.models().register(model("m", "1.0", HASH_A, "/p/m"))).isEqualTo(ModelRepository.Outcome.UNCHANGED);
            assertThat(c.models().all()).containsExactly(model("m", "1.0", HASH_A, "/p/m"));
        }
    }

    @Test
    void aMovedPackageUpdatesItsPath() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            c.models().register(model("m", "1.0", HASH_A, "/old/m"));
            assertThat(c.models().register(model("m", "1.0", HASH_A, "/new/m"))).isEqualTo(ModelRepository.Outcome.PATH_UPDATED);
            assertThat(c.models().find("m", "1.0")).get().extracting(RegisteredModel::path).isEqualTo("/new/m");
        }
    }

    @Test
    void sameIdAndVersionWithAnotherHashIsRefused() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            c.models().register(model("m", "1.0", HASH_A, "/p/m"));
            assertThatThrownBy(() -> c.models().register(model("m", "1.0", HASH_B, "/q/m"))).isInstanceOf(ModelConflictException.class)
                    .hasMessage("model m 1.0 is already registered with sha256 " + HASH_A + " (/p/m); this package's sha256 is " + HASH_B
                            + ": give it a new version");
            assertThat(c.models().all()).hasSize(1);
        }
    }

    @Test
    void sameHashUnderAnotherIdIsRefused() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            c.models().register(model("m", "1.0", HASH_A, "/p/m"));
            assertThatThrownBy(() -> c.models().register(model("n", "1.0", HASH_A, "/p/n"))).isInstanceOf(ModelConflictException.class)
                    .hasMessage("sha256 " + HASH_A + " is already registered as m 1.0");
        }
    }

    @Test
    void listIsOrderedAndSurvivesReopening() {
        Path file = dir.resolve("catalog.sqlite");
        try (Catalog c = Catalog.open(file)) {
            c.models().register(model("zeta", "1.0", HASH_A, "/z"));
            c.models().register(model("alpha", "2.0", HASH_B, "/a"));
        }
        try (Catalog c = Catalog.open(file)) {
            assertThat(c.models().all()).extracting(RegisteredModel::id).containsExactly("alpha", "zeta");
            assertThat(c.models().findBySha256(HASH_B)).get().extracting(RegisteredModel::version).isEqualTo("2.0");
        }
    }
}
