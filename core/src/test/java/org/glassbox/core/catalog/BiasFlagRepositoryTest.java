package org.glassbox.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BiasFlagRepositoryTest {
    @TempDir
    Path dir;

    private static BiasFlag flag(String sop, BiasFlag.Category category, String reviewer) {
        return new BiasFlag(0, sop, "c".repeat(64), "consolidation", category, BiasFlag.Severity.HIGH, "sex=F", "marker near the hilum",
                reviewer, Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void flagsAreStoredWithIdsAndReadBackInOrder() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            BiasFlag a = c.flags().add(flag("1.2.3", BiasFlag.Category.SHORTCUT, "reader-1"));
            BiasFlag b = c.flags().add(flag("1.2.4", BiasFlag.Category.UNDER_DIAGNOSIS, "reader-2"));
            BiasFlag a2 = c.flags().add(flag("1.2.3", BiasFlag.Category.CALIBRATION, "reader-2"));
            assertThat(a.id()).isPositive();
            assertThat(b.id()).isGreaterThan(a.id());
            assertThat(c.flags().all()).containsExactly(a, b, a2);
            assertThat(c.flags().forInstance("1.2.3")).containsExactly(a, a2);
            assertThat(c.flags().countsByInstance()).isEqualTo(Map.of("1.2.3", 2, "1.2.4", 1));
        }
    }

    @Test
    void nullableFieldsSurviveTheRoundTrip() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            BiasFlag f = c.flags().add(new BiasFlag(0, "9.9", null, null, BiasFlag.Category.OTHER, BiasFlag.Severity.LOW, null, null,
                    "r", Instant.parse("2026-01-01T00:00:00Z")));
            assertThat(c.flags().all()).singleElement().satisfies(read -> {
                assertThat(read).isEqualTo(f);
                assertThat(read.modelSha256()).isNull();
                assertThat(read.note()).isEmpty();
            });
        }
    }

    @Test
    void aWithdrawnFlagIsGone() {
        try (Catalog c = Catalog.open(dir.resolve("catalog.sqlite"))) {
            BiasFlag a = c.flags().add(flag("1.2.3", BiasFlag.Category.SHORTCUT, "reader-1"));
            assertThat(c.flags().delete(a.id())).isTrue();
            assertThat(c.flags().delete(a.id())).isFalse();
            assertThat(c.flags().all()).isEmpty();
            assertThat(c.flags().countsByInstance()).isEmpty();
        }
    }

    @Test
    void aFlagNeedsAReviewerAndAWellFormedModelHash() {
        assertThatThrownBy(() -> flag("1", BiasFlag.Category.OTHER, " ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reviewer");
        assertThatThrownBy(() -> new BiasFlag(0, "1", "XYZ", null, BiasFlag.Category.OTHER, BiasFlag.Severity.LOW, null, "", "r", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256");
    }
}
