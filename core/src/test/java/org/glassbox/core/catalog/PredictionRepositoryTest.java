package org.glassbox.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionRepositoryTest {
    @TempDir
    Path dir;

    private static final String MODEL = "a".repeat(64);
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    private static Prediction p(String uid, float logit, float[] embedding) {
        return new Prediction(MODEL, uid, "c".repeat(64), List.of("x", "y"), new float[] {logit, -logit}, new float[] {0.25f, 0.75f},
                embedding == null ? null : "enc", embedding, AT);
    }

    @Test
    void storesAndFindsScoresAndEmbeddingsExactly() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            c.inTransaction(() -> {
                c.predictions().store(List.of(p("1.2.3", 1.1f, new float[] {0.1f, -2.5f, 3e-8f}), p("1.2.4", 7f, null)));
                return null;
            });
            Map<String, Prediction> found = c.predictions().find(MODEL, List.of("1.2.3", "1.2.4", "1.2.5"));
            assertThat(found).containsOnlyKeys("1.2.3", "1.2.4");
            Prediction a = found.get("1.2.3");
            assertThat(a.labels()).containsExactly("x", "y");
            assertThat(a.logits()).containsExactly(1.1f, -1.1f);
            assertThat(a.scores()).containsExactly(0.25f, 0.75f);
            assertThat(a.embeddingLayer()).isEqualTo("enc");
            assertThat(a.embedding()).containsExactly(0.1f, -2.5f, 3e-8f);
            assertThat(a.computedAt()).isEqualTo(AT);
            assertThat(found.get("1.2.4").embedding()).isNull();
            assertThat(c.predictions().find("b".repeat(64), List.of("1.2.3"))).isEmpty();
            assertThat(c.predictions().count(MODEL)).isEqualTo(2);
        }
    }

    @Test
    void storingAgainReplacesWithoutDuplicates() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            c.inTransaction(() -> {
                c.predictions().store(List.of(p("1", 1f, new float[] {1})));
                return null;
            });
            c.inTransaction(() -> {
                c.predictions().store(List.of(p("1", 2f, null)));
                return null;
            });
            assertThat(c.predictions().count(MODEL)).isEqualTo(1);
            Prediction again = c.predictions().find(MODEL, List.of("1")).get("1");
            assertThat(again.logits()).containsExactly(2f, -2f);
            assertThat(again.embedding()).isNull();
        }
    }

    @Test
    void aFailedTransactionLeavesNothing() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            assertThatThrownBy(() -> c.inTransaction(() -> {
                c.predictions().store(List.of(p("1", 1f, null)));
                throw new IllegalStateException("interrupted");
            })).hasMessage("interrupted");
            assertThat(c.predictions().count(MODEL)).isZero();
        }
    }

    @Test
    void findsManyUidsAcrossChunks() {
        List<Prediction> many = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(p("9." + i, i, null));
            uids.add("9." + i);
        }
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            c.inTransaction(() -> {
                c.predictions().store(many);
                return null;
            });
            Map<String, Prediction> found = c.predictions().find(MODEL, uids);
            assertThat(found).hasSize(1000);
            assertThat(found.get("9.999").logits()[0]).isEqualTo(999f);
        }
    }
}
